import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RecordedSnapshot } from '../../feeds/recorded-snapshot.ts';
import { pollCommandOptions, pollFromCommandLine, POLL_FLAGS, POLL_OPTIONS_HELP } from '../feed-poll-options.ts';
import { printable } from '../format/printable.ts';
import type { Output } from '../output.ts';
import { jsonText } from '../output.ts';
import { parseCommandLine } from '../parse-command-line.ts';
import { UsageError } from '../usage-error.ts';

export const RECORD_HELP = `Usage: ballotcast record ap|clarity URL --dir DIR [options]

Polls a results feed and saves every snapshot it serves, with its fetch time, as one recorded snapshot
{ "fetchedAt", "url", "contentType", "body" } per file: DIR/<fetch time>-<number>.json, so the names sort
in fetch order. A binary body (Clarity's reports/detailxml.zip) is saved in base64, with "encoding".
ballotcast import reads them: ballotcast import ap DIR/*.json --out counts/
  ap URL       the first request of AP's Elections API; later polls follow each answer's nextrequest
  clarity URL  the election's folder (…/GA/105369/): polls current_ver.txt, and reads the report of each
               new version
  --dir DIR    where to write (created if missing)
${POLL_OPTIONS_HELP}`;

const FLAGS = { ...POLL_FLAGS, dir: { type: 'string' } } as const;

/** `ballotcast record`: a feed in, one recorded snapshot file per fetch out. */
export async function recordCommand(args: readonly string[], output: Output): Promise<void> {
  const { values, positionals } = parseCommandLine('record', args, FLAGS);
  const options = pollCommandOptions('record', positionals, values, RECORD_HELP);
  if (values.dir === undefined || values.dir === '') throw new UsageError('record needs --dir DIR: where to write the snapshots', [RECORD_HELP]);
  const dir = values.dir;
  await mkdir(dir, { recursive: true });
  let saved = 0;
  const stopped = await pollFromCommandLine(options, output, async (snapshot, kind) => {
    saved += 1;
    const path = await saveSnapshot(dir, snapshot, saved);
    output.stdout.write(`saved ${printable(path)}${kind === 'seen' ? ' (the same snapshot again)' : ''}\n`);
  });
  output.stderr.write(`${stopped}; ${saved} snapshot${saved === 1 ? '' : 's'} saved in ${printable(dir)}\n`);
}

/**
 * Writes one snapshot as DIR/20221109T010500123Z-000001.json: fetch time first, so names sort in fetch
 * order across restarts, then the number of the save in this run. Written whole, then renamed, so an
 * interrupted write never leaves half a file for import to trip on.
 */
async function saveSnapshot(dir: string, snapshot: RecordedSnapshot, number: number): Promise<string> {
  const stamp = snapshot.fetchedAt.replace(/[-:.]/g, '');
  const path = join(dir, `${stamp}-${String(number).padStart(6, '0')}.json`);
  await writeFile(`${path}.partial`, jsonText(snapshot));
  await rename(`${path}.partial`, path);
  return path;
}
