import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus } from 'node:os';
import { scenarios } from './scenarios.ts';
import type { Measurement } from './scenarios.ts';

// `npm run bench`: each scenario in a fresh Node process; prints throughput and peak resident memory.
const cores = availableParallelism();
const only = process.argv.slice(2);
console.log(`ballotcast benchmark: Node ${process.version}, ${cores} cores (${cpus()[0]?.model ?? 'unknown CPU'})\n`);
console.log(['scenario'.padEnd(58), 'seconds'.padStart(8), 'throughput'.padStart(24), 'peak RSS'.padStart(10)].join(' '));
for (const name of Object.keys(scenarios(cores))) {
  if (only.length > 0 && !only.some((word) => name.includes(word))) continue;
  const output = execFileSync(process.execPath, ['--import', 'tsx', 'bench/measure-one.ts', name], { encoding: 'utf8' });
  const result = JSON.parse(output.trim().split('\n').at(-1)!) as Measurement & { peakMegabytes: number };
  const rate = result.work / result.seconds;
  const throughput = rate >= 1e6 ? `${(rate / 1e6).toFixed(1)} M ${result.unit}/s` : `${rate.toFixed(1)} ${result.unit}/s`;
  console.log(
    [name.padEnd(58), result.seconds.toFixed(2).padStart(8), throughput.padStart(24), `${result.peakMegabytes.toFixed(0)} MB`.padStart(10)].join(' '),
  );
}
