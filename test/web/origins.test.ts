import { describe, expect, it } from 'vitest';
import { buildWebAssets } from '../../web/build.ts';
import { connectSources, isAllowedBase, normalizeOrigin, parseOriginList } from '../../web/src/origins.ts';

const PAGE = 'https://news.example.com/graphics/forecast/?race=x';

describe('the origins a page may read from', () => {
  it('always include the page’s own, for relative and absolute bases', () => {
    expect(isAllowedBase('https://news.example.com/public/', PAGE, [])).toBe(true);
    expect(isAllowedBase('/public/', PAGE, [])).toBe(true);
    expect(isAllowedBase('../data/', PAGE, [])).toBe(true);
  });

  it('include another origin only if it is allowed, scheme and port and all', () => {
    const allowed = ['https://results.example.org'];
    expect(isAllowedBase('https://results.example.org/public/', PAGE, allowed)).toBe(true);
    expect(isAllowedBase('https://results.example.org/public/', PAGE, [])).toBe(false);
    expect(isAllowedBase('http://results.example.org/public/', PAGE, allowed)).toBe(false);
    expect(isAllowedBase('https://results.example.org:8443/public/', PAGE, allowed)).toBe(false);
    expect(isAllowedBase('https://results.example.org.evil.test/public/', PAGE, allowed)).toBe(false);
    expect(isAllowedBase('https://evil.test/public/', PAGE, allowed)).toBe(false);
    expect(isAllowedBase('//evil.test/public/', PAGE, allowed)).toBe(false);
    expect(isAllowedBase('https://results.example.org@evil.test/', PAGE, allowed)).toBe(false);
  });

  it('never include an opaque origin, even on a page that has one', () => {
    expect(isAllowedBase('data:application/json,{}', PAGE, [])).toBe(false);
    expect(isAllowedBase('data:application/json,{}', 'file:///tmp/index.html', [])).toBe(false);
    expect(isAllowedBase('javascript:alert(1)//', PAGE, [])).toBe(false);
  });
});

describe('an origin given at build time', () => {
  it('is normalized to scheme, host and port', () => {
    expect(normalizeOrigin('https://Results.Example.org/')).toBe('https://results.example.org');
    expect(normalizeOrigin('http://127.0.0.1:3000')).toBe('http://127.0.0.1:3000');
    expect(normalizeOrigin('https://results.example.org:443')).toBe('https://results.example.org');
    expect(parseOriginList(' https://a.example, https://b.example https://a.example ')).toEqual(['https://a.example', 'https://b.example']);
    expect(parseOriginList(undefined)).toEqual([]);
  });

  it('is refused if it is not just an http or https origin', () => {
    for (const bad of ['*', 'results.example.org', 'https://a.example/public/', 'https://a.example/?x', 'https://u@a.example', 'ftp://a.example', "'unsafe-inline'"]) {
      expect(() => normalizeOrigin(bad), bad).toThrow();
    }
    expect(() => parseOriginList('https://a.example;script-src *')).toThrow();
  });

  it('goes into the CSP connect-src and the page’s meta, and nothing else does', async () => {
    expect(connectSources([])).toBe("'self'");
    const assets = await buildWebAssets({ allowOrigins: ['https://results.example.org/'] });
    const index = assets.get('/index.html')!;
    expect(index.contentSecurityPolicy).toContain("connect-src 'self' https://results.example.org;");
    expect(index.body).toContain(`content="${index.contentSecurityPolicy}"`);
    expect(index.body).toContain('<meta name="ballotcast-allowed-origins" content="https://results.example.org">');
    const none = (await buildWebAssets({ allowOrigins: [] })).get('/index.html')!;
    expect(none.contentSecurityPolicy).toContain("connect-src 'self';");
    expect(none.body).not.toContain('%');
  });
});
