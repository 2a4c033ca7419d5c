import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { targetPath } from '../../local/copy-bucket.ts';

describe('where a copy of a published object goes', () => {
  it('is the key under the directory, case kept', () => {
    expect(targetPath('demo-output', 'races/20240305CA0016/latest.json')).toBe(resolve('demo-output', 'races/20240305CA0016/latest.json'));
  });

  it.each(['../outside.json', 'races/../../outside.json', '/etc/passwd', '..', ''])('is refused for the key %j', (key) => {
    expect(() => targetPath(join('tmp', 'demo-output'), key)).toThrow(/would be copied outside/);
  });
});
