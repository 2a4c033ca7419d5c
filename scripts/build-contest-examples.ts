/**
 * Builds count files for other contests of the LA County November 2022 general election from the raw CSVs:
 * `npx tsx scripts/build-contest-examples.ts [--data DIR]` (DIR defaults to ../shared/data/la-2022 from
 * the repo root). Writes examples/contests/<race-id>.json for each contest of scripts/contests/chosen-contests.ts,
 * after checking every file with `parseCountFile`; an invalid one stops the build, writing nothing, with its
 * error lines and exit code 1. docs/contest-examples.md gives every choice with its numbers; in short:
 *
 * - lacounty_2022_general_all_contests_by_release.csv has 15 daily release points; each is pinned to the one
 *   registrar release of general_2022_mayor_updates.csv with the same mayor counts (and date), which gives its
 *   time, label and countywide ballots counted.
 * - One unit per contest, for its whole area. Outstanding votes = countywide outstanding ballots (the mayor
 *   examples' registrar estimates, as implied totals) × the contest's votes ÷ countywide ballots counted, i.e.
 *   the uncounted ballots are assumed to carry the contest in the same proportion as the counted ones; the
 *   90% range is 0.30 to 1.30 times that, the mayor examples' rule. The certified release has 0 outstanding.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseCountFile } from '../core/schemas/index.ts';
import { formatCountFile } from './examples/build.ts';
import { buildContestExamples, CONTEST_SOURCE_FILES, type ContestSourceTexts } from './contests/build.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_DATA_DIR = resolve(REPO_ROOT, '../shared/data/la-2022');

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { data: { type: 'string' } } });
  const dataDir = values.data === undefined ? DEFAULT_DATA_DIR : resolve(values.data);
  if (!existsSync(dataDir)) throw new Error(`no data directory at ${dataDir}; pass --data DIR`);
  const examples = buildContestExamples(await readSources(dataDir));
  // Validate everything before writing anything, so a bad build leaves the committed files alone.
  const invalid = examples.flatMap(({ path, countFile }) => {
    const result = parseCountFile(countFile);
    return result.ok ? [] : result.errors.map((error) => `${path}: ${error}`);
  });
  if (invalid.length > 0) {
    console.error(invalid.join('\n'));
    return 1;
  }
  for (const { path, countFile } of examples) {
    await mkdir(dirname(join(REPO_ROOT, path)), { recursive: true });
    await writeFile(join(REPO_ROOT, path), formatCountFile(countFile));
    console.log(`wrote ${path} (${countFile.releases.length} releases)`);
  }
  return 0;
}

async function readSources(dataDir: string): Promise<ContestSourceTexts> {
  const entries = await Promise.all(
    Object.entries(CONTEST_SOURCE_FILES).map(async ([role, file]) => [role, await readFile(join(dataDir, file), 'utf8')]),
  );
  return Object.fromEntries(entries) as ContestSourceTexts;
}

// Bad data or a missing file ends the build with its message, not a stack trace.
process.exitCode = await main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  return 1;
});
