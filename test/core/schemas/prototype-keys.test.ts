import { describe, expect, it } from 'vitest';
import { parseCountFile, prototypeKeyIssues } from '../../../core/schemas/index.ts';
import { twoUnitRace } from '../../fixtures/count-files.ts';

describe('a "__proto__" key', () => {
  it('is reported with its path, wherever it is', () => {
    const value = JSON.parse('{"units":[{"counted":{"a":1,"__proto__":5}},{"types":{"mail":{"__proto__":{}}}}],"__proto__":null}');
    expect(prototypeKeyIssues(value).map((line) => line.split(': ')[0])).toEqual([
      'units[0].counted.__proto__',
      'units[1].types.mail.__proto__',
      '__proto__',
    ]);
  });

  it('is not confused with keys that merely look like it, or with values', () => {
    expect(prototypeKeyIssues(JSON.parse('{"proto":"__proto__","__proto":1,"constructor":2,"a":["__proto__"]}'))).toEqual([]);
  });

  it('in counted refuses the count file, where zod alone would drop the key and accept it', () => {
    const text = JSON.stringify(twoUnitRace()).replace('"counted":{', '"counted":{"__proto__":5,');
    const result = parseCountFile(JSON.parse(text));
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors).toEqual([
      'releases[0].units[0].counted.__proto__: "__proto__" is not allowed as a key; it is never a candidate, unit or field name',
    ]);
  });
});
