import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultInputs, findCountFiles } from '../../backtest/corpus/find-count-files.ts';
import { loadCountFiles } from '../../backtest/corpus/load-count-files.ts';
import { REPO_ROOT, temporaryDirectory } from '../cli/cli-harness.ts';

const FIXTURES = 'test/backtest/fixtures/corpus';

describe('findCountFiles', () => {
  it('finds count files recursively, in order, labelled by the nearest corpus.json', () => {
    const entries = findCountFiles([FIXTURES], REPO_ROOT);

    expect(entries.map((entry) => [entry.path.replace(`${FIXTURES}/`, ''), entry.label.source, entry.label.estimates])).toEqual([
      ['derived-small/broken.json', 'small', 'derived'],
      ['derived-small/flip.json', 'small', 'derived'],
      ['derived-small/steady.json', 'small', 'derived'],
      ['oracle-small/flip-oracle.json', 'small-oracle', 'oracle'],
    ]);
  });

  it('labels the repository examples la-2022, derived, and lists each file once', () => {
    const entries = findCountFiles(['examples', 'examples/contests', 'examples/la-mayor-2022-general.json'], REPO_ROOT);

    expect(entries.length).toBe(new Set(entries.map((entry) => entry.path)).size);
    expect(entries.map((entry) => entry.path)).toContain('examples/contests/la-county-sheriff-2022.json');
    expect(entries.every((entry) => entry.label.source === 'la-2022' && entry.label.estimates === 'derived')).toBe(true);
  });

  it('rejects an input that does not exist', () => {
    expect(() => findCountFiles(['no/such/folder'], REPO_ROOT)).toThrow('no such file or folder');
  });
});

describe('defaultInputs', () => {
  it('takes the real LA examples and leaves out made-up ones (the night page\'s wards)', () => {
    const inputs = defaultInputs(REPO_ROOT).map((path) => path.slice(REPO_ROOT.length).replace(/^\//, ''));
    expect(inputs).toEqual(expect.arrayContaining(['examples/la-mayor-2022-general.json', 'examples/la-mayor-2022-primary.json', 'examples/contests']));
    const files = findCountFiles(defaultInputs(REPO_ROOT), REPO_ROOT).map((entry) => entry.path);
    expect(files.some((path) => path.includes('examples/night'))).toBe(false);
    expect(files.some((path) => path.includes('examples/contests/'))).toBe(true);
  });
});

describe('loadCountFiles', () => {
  it('keeps valid count files and lists invalid ones with their errors', () => {
    const { loaded, rejected } = loadCountFiles(findCountFiles([`${FIXTURES}/derived-small`], REPO_ROOT));

    expect(loaded.map((file) => file.countFile.race.id)).toEqual(['flip', 'steady']);
    expect(rejected).toHaveLength(1);
    expect(rejected[0].path).toMatch(/broken\.json$/);
    expect(rejected[0].errors.some((error) => error.startsWith('race.id:'))).toBe(true);
  });
});

describe('findCountFiles on a file below its corpus folder', () => {
  const directory = temporaryDirectory('ballotcast-corpus-');
  afterAll(() => directory.remove());

  it('takes the label of the corpus.json in a parent folder', () => {
    directory.write('corpus.json', { source: 'deep', estimates: 'oracle' });
    const file = directory.write('sub/race.json', {});

    const [entry] = findCountFiles([file], REPO_ROOT);

    expect(entry.label).toEqual({ source: 'deep', estimates: 'oracle' });
    expect(entry.labelFrom).toBe(join(directory.path, 'corpus.json'));
  });

  it('stops on an invalid corpus.json, naming it', () => {
    directory.write('corpus.json', { source: 'deep', estimates: 'guessed' });

    expect(() => findCountFiles([join(directory.path, 'sub')], REPO_ROOT)).toThrow(/corpus\.json:\n.*estimates/s);
  });
});
