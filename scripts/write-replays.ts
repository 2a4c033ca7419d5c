import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { readCountFile } from '../cli/read-count-file.ts';
import { defaultThreads, runForecasts } from '../runtime/run-forecasts.ts';
import { replayMarkdown } from './replays/replay-markdown.ts';

// `npm run replays`: replays every example count file and writes docs/replays/<race>.md.
const SEED = '2022';
const DRAWS = 20_000;

const files = [
  'examples/la-mayor-2022-general.json',
  'examples/la-mayor-2022-primary.json',
  ...(await readdir('examples/contests')).filter((name) => name.endsWith('.json')).sort().map((name) => `examples/contests/${name}`),
];
await mkdir('docs/replays', { recursive: true });
for (const file of files) {
  const countFile = await readCountFile(file);
  const requests = countFile.releases.map((_, releaseIndex) => ({ countFile, releaseIndex, seed: SEED, draws: DRAWS }));
  const forecasts = await runForecasts(requests, { threads: defaultThreads() });
  const command = `npx ballotcast replay ${file} --seed ${SEED} --draws ${DRAWS}`;
  const target = `docs/replays/${basename(file, '.json')}.md`;
  await writeFile(target, replayMarkdown(file, command, forecasts));
  console.log(`wrote ${target}`);
}
