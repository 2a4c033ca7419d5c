import { mkdir, writeFile } from 'node:fs/promises';
import { formatTimelineTable } from '../cli/format/timeline-table.ts';
import { jsonText } from '../cli/output.ts';
import { readCountFile } from '../cli/read-count-file.ts';
import { defaultThreads, runForecasts } from '../runtime/run-forecasts.ts';

// `npm run demo`: replays the LA 2022 general election night release by release, prints the timeline,
// and leaves every forecast as the contract's JSON in demo-output/.
const FILE = 'examples/la-mayor-2022-general.json';
const OUTPUT = 'demo-output/la-mayor-2022-general.replay.json';
const SEED = '2022';
const DRAWS = 20_000;

const countFile = await readCountFile(FILE);
const requests = countFile.releases.map((_, releaseIndex) => ({ countFile, releaseIndex, seed: SEED, draws: DRAWS }));
const forecasts = await runForecasts(requests, { threads: defaultThreads() });
process.stdout.write(formatTimelineTable(forecasts));
await mkdir('demo-output', { recursive: true });
await writeFile(OUTPUT, jsonText(forecasts));
console.log(`\nEvery forecast, one per release, as the contract's JSON: ${OUTPUT}`);
console.log(`Reproduce release 15 alone: npx ballotcast forecast ${FILE} --as-of 15 --seed ${SEED}`);
