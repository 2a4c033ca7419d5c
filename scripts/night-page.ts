import { parseArgs } from 'node:util';
import { readNightFolder } from '../cli/read-night-folder.ts';
import { buildWebAssets } from '../web/build.ts';
import { portProblem } from './dev/port-problem.ts';
import { nightPublisher } from './night-page/night-publisher.ts';
import { startNightServer } from './night-page/night-server.ts';

// `npm run night:page -- DIR`: the night page on localhost, over the races of one election (a folder of
// count files, as `ballotcast night` reads) forecast and summarized as the service is to publish them.
// `--play SECONDS` starts every race at its first release and moves each one release on every SECONDS, so
// the page can be watched as it updates. Until the service publishes night summaries, this is how to see it.
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { seed: { type: 'string', default: 'night-page' }, draws: { type: 'string', default: '10000' }, play: { type: 'string' } },
});
if (positionals.length !== 1) {
  console.error('usage: npm run night:page -- DIR [--seed S] [--draws N] [--play SECONDS]   (e.g. DIR = examples/night)');
  process.exit(2);
}
const PORT = Number(process.env.PORT || 3000);
const problem = await portProblem(process.env.PORT, 3000);
if (problem !== undefined) {
  console.error(`npm run night:page: ${problem}`);
  process.exit(1);
}
const { election, races } = await readNightFolder(positionals[0]);
const publisher = nightPublisher(election, { seed: values.seed, draws: Number(values.draws) });
const lastRelease = Math.max(...races.map(({ countFile }) => countFile.releases.length - 1));
const publishAt = (step: number) => publisher.publish(races.map(({ countFile }) => ({ countFile, releaseIndex: Math.min(step, countFile.releases.length - 1) })));
let step = values.play === undefined ? lastRelease : 0;
await publishAt(step);
const server = await startNightServer(() => publisher.objects(), await buildWebAssets(), { port: PORT });
console.log(`the night page: ${server.url}/night.html?election=${encodeURIComponent(election.id)} (Ctrl-C to stop)`);
if (values.play !== undefined) {
  const seconds = Number(values.play) || 5;
  const timer = setInterval(() => {
    if (++step > lastRelease) return clearInterval(timer);
    void publishAt(step).then(() => console.log(`published release ${step + 1} of each race that has one`));
  }, seconds * 1000);
}
process.on('SIGINT', () => void server.close().then(() => process.exit(0)));
