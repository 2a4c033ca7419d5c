import { GetObjectCommand } from '@aws-sdk/client-s3';
import { availableParallelism, loadavg } from 'node:os';
import { NightSummarySchema } from '../core/schemas/index.ts';
import type { HttpRequest } from '../functions/http/http-types.ts';
import { startLocalStack } from '../local/local-stack.ts';
import { buildLocalPipeline } from '../local/pipeline.ts';
import { BENCH_ELECTION, benchContest, benchRelease, contestUnits } from './night-contests.ts';
import { cpuSince, descendantCpuSeconds } from './process-cpu.ts';

// `npm run bench:night [-- --contests N --releases N --draws N]`: a whole night through the local pipeline
// (DynamoDB Local, s3rver, the real handlers and the in-process queues): N contests of one election, each
// with N releases, posted release by release as on a night, every run publishing its forecast and its
// outcomes; the coalesced jobs publish index.json and the election's summary.json. Prints the wall time,
// then what each stage and each port cost.

const argv = process.argv.slice(2);
const option = (name: string, fallback: number) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback);
const CONTESTS = option('--contests', 430);
const RELEASES = option('--releases', 15);
const DRAWS = option('--draws', 1000);
/** Releases posted at once, as several feeds would post them. */
const POSTERS = option('--posters', 8);

/** Time and calls per port method: summed over calls that overlap, so a share of the wall time, not a part. */
const calls = new Map<string, { count: number; ms: number }>();
function instrument<Port extends object>(name: string, port: Port): Port {
  return new Proxy(port, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      // Only calls that answer a promise are timed: a port's own synchronous helpers pass straight through.
      return (...args: unknown[]) => {
        const start = performance.now();
        const result: unknown = value.apply(target, args);
        if (!(result instanceof Promise)) return result;
        const record = () => {
          const key = `${name}.${property}`;
          const tally = calls.get(key) ?? { count: 0, ms: 0 };
          calls.set(key, { count: tally.count + 1, ms: tally.ms + performance.now() - start });
        };
        return result.finally(record);
      };
    },
  });
}

const signed = { requestId: 'bench', authorizer: { iam: { userArn: 'arn:aws:iam::123456789012:user/bench' } } };
const request = (raceId: string, body: unknown): HttpRequest => ({ pathParameters: { raceId }, body: JSON.stringify(body), requestContext: signed });
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const perRun = (cpu: number, runs: number) => ((1000 * cpu) / Math.max(1, runs)).toFixed(1);
const cpuSeconds = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};

/** Runs `work` over the items, `width` at a time. */
async function inParallel<Item>(items: readonly Item[], width: number, work: (item: Item) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

const units = Array.from({ length: CONTESTS }, (_, index) => contestUnits(index, CONTESTS));
console.log(`bench:night: ${CONTESTS} contests × ${RELEASES} releases, ${DRAWS} draws per run, ${availableParallelism()} cores, load ${loadavg().map((load) => load.toFixed(2)).join(' ')}`);
console.log(`units per contest: 1 to ${Math.max(...units)}, median ${[...units].sort((a, b) => a - b)[Math.floor(CONTESTS / 2)]}, ${units.reduce((a, b) => a + b, 0)} in all (bench/night-contests.ts)`);

const stackStart = performance.now();
const stack = await startLocalStack({ startTimeoutMs: 90_000 });
console.log(`local stack up in ${seconds(performance.now() - stackStart)} (not counted below)`);
try {
  const pipeline = buildLocalPipeline(stack, { releaseDraws: DRAWS, instrument });
  const contests = Array.from({ length: CONTESTS }, (_, index) => benchContest(index, CONTESTS, RELEASES));
  const cpuStart = cpuSeconds();
  const serversStart = descendantCpuSeconds();
  const start = performance.now();
  await inParallel(contests, POSTERS, async (contest) => {
    const response = await pipeline.routes.putRace(request(contest.race.id, contest.race));
    if (response.statusCode !== 201) throw new Error(`PUT ${contest.race.id}: ${response.statusCode} ${response.body}`);
  });
  const created = performance.now();
  for (let release = 0; release < RELEASES; release++) {
    await inParallel(contests, POSTERS, async (contest) => {
      const response = await pipeline.routes.postRelease(request(contest.race.id, benchRelease(contest, release, RELEASES)));
      if (response.statusCode !== 201) throw new Error(`POST release ${release} of ${contest.race.id}: ${response.statusCode} ${response.body}`);
    });
  }
  const posted = performance.now();
  await pipeline.queue.drain();
  const end = performance.now();
  const servers = cpuSince(serversStart, descendantCpuSeconds());
  if (pipeline.queue.failures.length > 0 || pipeline.jobQueue.failures.length > 0) {
    throw new Error(`failures: ${JSON.stringify([...pipeline.queue.failures, ...pipeline.jobQueue.failures]).slice(0, 2000)}`);
  }

  const object = await stack.s3Client.send(new GetObjectCommand({ Bucket: stack.bucketName, Key: `elections/${BENCH_ELECTION.id}/summary.json` }));
  const summary = NightSummarySchema.parse(JSON.parse((await object.Body?.transformToString('utf8')) ?? ''));
  const lastReleases = summary.races.filter((race) => race.releaseIndex === RELEASES - 1).length;
  const runs = calls.get('dynamodb race store.claimLatest')?.count ?? 0;
  console.log(`\nWALL TIME ${seconds(end - start)} for ${runs} runs (${CONTESTS} PUTs, ${CONTESTS * RELEASES} releases posted, every run and job done); this process used ${(cpuSeconds() - cpuStart).toFixed(1)} s of CPU`);
  const ours = cpuSeconds() - cpuStart;
  const java = servers.get('java') ?? 0;
  // s3rver runs in a child node process; the two supervisors (also node) sleep.
  const s3rver = servers.get('node') ?? 0;
  console.log(`  CPU: this process ${ours.toFixed(1)} s, DynamoDB Local (java) ${java.toFixed(1)} s, s3rver ${s3rver.toFixed(1)} s; per run ${perRun(ours, runs)}, ${perRun(java, runs)}, ${perRun(s3rver, runs)} ms`);
  const portCalls = [...calls.values()].reduce((sum, tally) => sum + tally.count, 0);
  console.log(`  port calls: ${portCalls} in all, ${(portCalls / Math.max(1, runs)).toFixed(1)} per run (API and jobs included)`);
  console.log(`  create races ${seconds(created - start)}; post releases ${seconds(posted - created)} (runs start meanwhile); drain the queues after the last post ${seconds(end - posted)}`);
  console.log(`  summary.json: ${summary.races.length} races, ${lastReleases} at their last release; expected seats ${summary.parties.map((party) => `${party.id} ${party.expectedSeats}`).join(', ')}`);
  console.log(`  index.json jobs run: ${calls.get('s3 publisher.putIndex')?.count ?? 0}; summary jobs run: ${calls.get('s3 publisher.putSummary')?.count ?? 0} (requests collapse while a job is queued)`);
  console.log('\nPort calls (time summed over concurrent calls, so it overlaps; it includes waiting for this busy process):');
  for (const [key, tally] of [...calls.entries()].sort((a, b) => b[1].ms - a[1].ms)) {
    console.log(`  ${key.padEnd(44)} ${String(tally.count).padStart(6)} calls  ${seconds(tally.ms).padStart(9)}  ${(tally.ms / tally.count).toFixed(1).padStart(7)} ms each`);
  }
} finally {
  // stop() can be left waiting once both servers have gone, with nothing else to wake the loop: give it 5 s.
  await Promise.race([stack.stop(), new Promise((resolve) => setTimeout(resolve, 5000))]);
}
process.exit(0);
