/**
 * Writes examples/recordings/la-mayor-2022-ap/: the LA 2022 mayor general as AP-shaped recorded snapshots,
 * one file per fetch (scripts/recordings/la-mayor-ap.ts says how). `npm run examples:recording`, after
 * `npm run examples`; `--data DIR` as for the examples (default ../shared/data/la-2022).
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from './examples/run-builder.ts';
import { laMayorApRecording } from './recordings/la-mayor-ap.ts';

export const RECORDING_DIR = 'examples/recordings/la-mayor-2022-ap';

const { values } = parseArgs({ options: { data: { type: 'string' } } });
const dataDir = resolve(values.data ?? join(REPO_ROOT, '../shared/data/la-2022'));
const countFile = JSON.parse(await readFile(join(REPO_ROOT, 'examples/la-mayor-2022-general.json'), 'utf8'));
const files = laMayorApRecording(countFile, await readFile(join(dataDir, 'general_2022_mayor_updates.csv'), 'utf8'));
const out = join(REPO_ROOT, RECORDING_DIR);
await mkdir(out, { recursive: true });
// Snapshots of an earlier build go first, so a renamed file leaves no stale copy behind (README.md stays).
for (const name of await readdir(out)) if (name.endsWith('.json')) await rm(join(out, name));
for (const { name, snapshot } of files) await writeFile(join(out, name), `${JSON.stringify(snapshot, null, 2)}\n`);
console.log(`wrote ${files.length} recorded snapshots to ${RECORDING_DIR}/`);
