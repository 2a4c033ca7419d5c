import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CountFile } from '../../core/schemas/index.ts';
import { CSV_OPTIONAL_COLUMNS, CSV_REQUIRED_COLUMNS } from '../../feeds/csv/csv-observations.ts';
import { turnoutAround } from '../../feeds/estimate/outstanding-from-registration.ts';
import { FeedError } from '../../feeds/feed-error.ts';
import { FEED_FORMATS, importFeed, snapshotsInFile, type FeedFormat } from '../../feeds/import-feed.ts';
import { printable } from '../format/printable.ts';
import type { Output } from '../output.ts';
import { jsonText } from '../output.ts';
import { parseCommandLine } from '../parse-command-line.ts';
import { readBytes } from '../read-count-file.ts';
import { UsageError } from '../usage-error.ts';

export const IMPORT_HELP = `Usage: ballotcast import ap|clarity|csv SOURCE... --out DIR [--turnout SHARE]

Turns recorded snapshots of a results feed into count files, one per race: DIR/<race id>.json.
Each SOURCE is a recording (a JSON array of { "fetchedAt", "url"?, "body" }, as ballotcast record writes),
one recorded snapshot, or a plain feed file, whose own time then stands in for the fetch time:
  ap       an AP Elections API response (JSON; level=ru for units, votetypes=true for ballot types)
  clarity  a Clarity ENR detail report: reports/detailxml.zip, the detail.xml in it, or its JSON rendering;
           or json/en/summary.json (race totals only; from a recording, which has its time and URL)
  csv      a spreadsheet with the header
           ${CSV_REQUIRED_COLUMNS.join(',')}
           and optionally ${CSV_OPTIONAL_COLUMNS.join(', ')}
Each snapshot that changes a race is one release, at the feed's own time. Stale copies (time going back)
are dropped, a unit a snapshot leaves out keeps its last counts, and counts that fall are marked
"correction". AP's eevp becomes each unit's outstanding estimate, AP's winner flag the release's "call".
  --out DIR        where to write (created if missing; a file of the same race is replaced)
  --turnout SHARE  clarity: votes in the race per registered voter, for the outstanding estimate
                   (default 0.6, 90% range 0.25 either side)
The rules, with their numbers, are in the README under "Importing feeds".`;

const FLAGS = { out: { type: 'string' }, turnout: { type: 'string' } } as const;

/** `ballotcast import`: feed snapshots in, count files out. */
export async function importCommand(args: readonly string[], output: Output): Promise<void> {
  const { values, positionals } = parseCommandLine('import', args, FLAGS);
  const [format, ...sources] = positionals;
  if (format === undefined || !(FEED_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(format === undefined ? 'import needs a feed format: ap, clarity or csv' : `import: unknown feed format "${format}": expected ap, clarity or csv`, [IMPORT_HELP]);
  }
  if (sources.length === 0) throw new UsageError('import takes one or more feed files after the format', [IMPORT_HELP]);
  if (values.out === undefined || values.out === '') throw new UsageError('import needs --out DIR: where to write the count files', [IMPORT_HELP]);
  if (values.turnout !== undefined && format !== 'clarity') throw new UsageError(`--turnout applies to clarity only: ${format} feeds give their own estimates`, [IMPORT_HELP]);
  const turnout = values.turnout === undefined ? undefined : turnoutAround(share('--turnout', values.turnout));
  const contents = await Promise.all(sources.map(readBytes));
  let result;
  try {
    const snapshots = sources.flatMap((source, index) => snapshotsInFile(format as FeedFormat, contents[index], source));
    result = importFeed(format as FeedFormat, snapshots, { turnout });
  } catch (error) {
    if (error instanceof FeedError) throw new UsageError(error.message, error.details);
    throw error;
  }
  for (const note of result.notes) output.stderr.write(`note: ${printable(note)}\n`);
  if (result.countFiles.length === 0) throw new UsageError('import: no race had any votes counted; no count file written');
  await mkdir(values.out, { recursive: true });
  for (const countFile of result.countFiles) {
    const path = join(values.out, `${countFile.race.id}.json`);
    await writeFile(path, jsonText(countFile));
    output.stdout.write(`wrote ${printable(path)}: ${describe(countFile)}\n`);
  }
}

/** A share in (0, 1], e.g. "0.6". */
function share(flag: string, text: string): number {
  const value = /^(0(\.\d+)?|1(\.0+)?)$/.test(text) ? Number(text) : Number.NaN;
  if (!(value > 0 && value <= 1)) throw new UsageError(`${flag} ${text}: expected a share above 0 and at most 1, e.g. 0.6`);
  return value;
}

/** "Governor (GOP Primary), 3 releases, 12 units, called for Jane Doe by AP" */
function describe(countFile: CountFile): string {
  const last = countFile.releases[countFile.releases.length - 1];
  const units = new Set(countFile.releases.flatMap((release) => release.units.map((unit) => unit.id))).size;
  const called = last.call === undefined ? '' : `, called for ${countFile.race.candidates.find((candidate) => candidate.id === last.call?.candidate)?.name ?? last.call.candidate} by ${last.call.by}`;
  const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
  return printable(`${countFile.race.name}, ${plural(countFile.releases.length, 'release')}, ${plural(units, 'unit')}${called}`);
}
