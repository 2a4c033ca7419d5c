/**
 * The backtest of issue 10: replays real count files release by release, forecasts each release but the
 * last, and scores the forecasts against the last release (docs/backtest.md). Prints the report and
 * writes it as JSON; with --check, exits 1 when a target fails. Bad options exit 2.
 *
 * Usage: npx tsx backtest/run-backtest.ts [DIR|FILE...] [--draws 2000] [--seed backtest] [--model JSON]
 *          [--json FILE] [--only SOURCE]... [--exclude SOURCE]... [--workers N] [--check]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as z from 'zod';
import { checkedOptions, modelParameters } from '../calibration/harness-options.ts';
import { MODEL_VERSION } from '../core/model/parameters.ts';
import { defaultInputs, findCountFiles } from './corpus/find-count-files.ts';
import { loadCountFiles } from './corpus/load-count-files.ts';
import { buildBacktestReport } from './evaluate/build-backtest-report.ts';
import { formatBacktestReport } from './report/format-backtest-report.ts';
import { runBacktestFiles } from './run/run-backtest-files.ts';

const REPOSITORY_ROOT = fileURLToPath(new URL('..', import.meta.url));

const USAGE = `Usage: npm run backtest -- [DIR|FILE...] [options]
  DIR|FILE          count files, folders searched recursively (default: every folder under corpus/, then the real LA examples: examples/*.json and examples/contests/)
  --draws N         Monte Carlo draws per forecast (default 2000)
  --seed S          run seed; a forecast's seed is \${S}/\${raceId}/\${releaseIndex} (default "backtest")
  --model JSON      model parameters laid over the defaults (see docs/model.md)
  --json FILE       where to write the full report (default backtest-output/report.json)
  --only SOURCE     score only this source (repeatable)
  --exclude SOURCE  leave this source out (repeatable)
  --workers N       worker threads, one file at a time each (default: number of cores); same report for any N
  --check           exit 1 when a target fails`;

const OptionsSchema = z.strictObject({
  draws: z.coerce.number().int().min(1).default(2000),
  seed: z.string().min(1).default('backtest'),
  model: z.string().optional(),
  json: z.string().min(1).default('backtest-output/report.json'),
  only: z.array(z.string().min(1)).default([]),
  exclude: z.array(z.string().min(1)).default([]),
  workers: z.coerce.number().int().min(1).default(availableParallelism()),
  check: z.boolean().default(false),
  help: z.boolean().optional(),
});

/** Files done, on stderr, only when it is a terminal. */
function progress(done: number, total: number): void {
  if (!process.stderr.isTTY) return;
  process.stderr.write(`\rbacktesting files: ${done}/${total}${done === total ? '\n' : ''}`);
}

async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: {
      draws: { type: 'string' },
      seed: { type: 'string' },
      model: { type: 'string' },
      json: { type: 'string' },
      only: { type: 'string', multiple: true },
      exclude: { type: 'string', multiple: true },
      workers: { type: 'string' },
      check: { type: 'boolean' },
      help: { type: 'boolean' },
    },
    allowPositionals: true,
    strict: true,
  });
  const checked = checkedOptions(OptionsSchema, values, USAGE);
  if ('exitCode' in checked) return checked.exitCode;
  const options = checked.options;
  const model = modelParameters(options.model);
  if ('problem' in model) {
    console.error(`bad --model:\n${model.problem}\n\n${USAGE}`);
    return 2;
  }

  const started = performance.now();
  const inputs = positionals.length > 0 ? positionals : defaultInputs(REPOSITORY_ROOT).map((input) => relative(process.cwd(), input) || '.');
  const { loaded, rejected } = loadCountFiles(findCountFiles(inputs, REPOSITORY_ROOT));
  const selected = loaded.filter(
    (file) => (options.only.length === 0 || options.only.includes(file.label.source)) && !options.exclude.includes(file.label.source),
  );
  const forecastable = selected.filter((file) => file.countFile.releases.length > 1);
  const plan = { draws: options.draws, seed: options.seed, parameters: model.parameters };
  const run = await runBacktestFiles(forecastable, plan, { workers: options.workers, onProgress: progress });
  const report = buildBacktestReport(run.forecasts, options.draws);

  const settings = {
    inputs,
    draws: options.draws,
    seed: options.seed,
    model: { version: MODEL_VERSION, overrides: model.overrides, parameters: model.parameters },
    only: options.only,
    exclude: options.exclude,
  };
  const files = {
    scored: forecastable.length,
    rejected,
    withoutForecasts: selected.filter((file) => file.countFile.releases.length <= 1).map((file) => file.path),
    labels: forecastable.map((file) => ({ path: file.path, ...file.label, labelFrom: file.labelFrom })),
  };
  const timing = {
    workers: Math.min(options.workers, Math.max(1, forecastable.length)),
    seconds: (performance.now() - started) / 1000,
    millisecondsPerForecast: run.forecasts.length === 0 ? Number.NaN : run.computeMilliseconds / run.forecasts.length,
  };
  console.log(formatBacktestReport(report, settings, files, timing));
  mkdirSync(dirname(options.json), { recursive: true });
  // The timing is kept apart: everything else in the file is the same for any number of workers.
  writeFileSync(options.json, `${JSON.stringify({ settings, files, report, forecasts: run.forecasts, timing })}\n`);
  console.log(`\nFull report: ${options.json}`);
  return options.check && !report.targets.every((target) => target.passed) ? 1 : 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  process.exitCode = 2;
}
