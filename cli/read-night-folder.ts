import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { CountFile, Election } from '../core/schemas/index.ts';
import { readCountFile } from './read-count-file.ts';
import { UsageError } from './usage-error.ts';

/** The races of one election, read from a folder, each with its file's path. */
export interface NightFolder {
  readonly election: Election;
  readonly races: readonly { readonly path: string; readonly countFile: CountFile }[];
}

/**
 * Reads and validates every `*.json` file of `dir` (not its subfolders, and not `corpus.json`, the backtest's
 * labels), in name order, and checks that they are the races of one election: each names the same
 * `race.election`, and no race id is given twice.
 * @throws UsageError naming the files when a file is invalid, names no election or another election.
 */
export async function readNightFolder(dir: string): Promise<NightFolder> {
  const races = await Promise.all((await countFilePaths(dir)).map(async (path) => ({ path, countFile: await readCountFile(path) })));
  const missing = races.filter((race) => race.countFile.race.election === undefined).map((race) => race.path);
  if (missing.length > 0) {
    throw new UsageError(`${dir}: ${missing.length} of ${races.length} races name no election (race.election)`, [
      ...missing.map((path) => `${path}: no race.election`),
      'a night is the races of one election: every count file needs the same race.election',
    ]);
  }
  const elections = groupByElection(races);
  if (elections.length > 1) {
    throw new UsageError(`${dir}: the races are of ${elections.length} elections; a night is the races of one`, [
      ...elections.map((group) => `election ${JSON.stringify(group.election.id)}: ${group.paths.join(', ')}`),
      'put each election\'s count files in a folder of their own, or give every race the same race.election',
    ]);
  }
  refuseRepeatedRaces(races);
  return { election: elections[0].election, races };
}

async function countFilePaths(dir: string): Promise<string[]> {
  let names: string[];
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    names = entries.filter((entry) => entry.isFile() && entry.name.endsWith('.json') && entry.name !== 'corpus.json').map((entry) => entry.name);
  } catch (error) {
    throw new UsageError(`${dir}: cannot read the folder: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  if (names.length === 0) throw new UsageError(`${dir}: no count files (*.json) in the folder`);
  return names.sort().map((name) => join(dir, name));
}

/** Races grouped by their election; two elections with one id but another name or other parties are two. */
function groupByElection(races: NightFolder['races']): { election: Election; paths: string[] }[] {
  const groups: { election: Election; paths: string[] }[] = [];
  for (const { path, countFile } of races) {
    const election = countFile.race.election!;
    const group = groups.find((candidate) => sameElection(candidate.election, election));
    if (group === undefined) groups.push({ election, paths: [path] });
    else group.paths.push(path);
  }
  return groups;
}

function sameElection(a: Election, b: Election): boolean {
  const parties = (election: Election) => JSON.stringify(election.parties?.map((party) => [party.id, party.name]) ?? null);
  return a.id === b.id && a.name === b.name && parties(a) === parties(b);
}

function refuseRepeatedRaces(races: NightFolder['races']): void {
  const seen = new Map<string, string>();
  for (const { path, countFile } of races) {
    const earlier = seen.get(countFile.race.id);
    if (earlier !== undefined) {
      throw new UsageError(`${earlier} and ${path} are both race ${JSON.stringify(countFile.race.id)}; a night counts each race once`);
    }
    seen.set(countFile.race.id, path);
  }
}
