/**
 * The calibration run of issue 3: forecasts synthetic races at several stages of their counts and scores
 * the forecasts against the truth. Prints coverage, reliability, scores, breakdowns and a PASS/FAIL line
 * per target; exits 1 when any target fails (after printing everything), 2 on bad options.
 *
 * Usage: npx tsx calibration/run-calibration.ts [--races 3000] [--draws 2000] [--seed calibration]
 *          [--stages 0.3,0.6,0.9] [--json FILE] [--late-join P] [--overrides JSON]
 */
import { MODEL_VERSION } from '../core/model/parameters.ts';
import { checkedOptions, modelParameters } from './harness-options.ts';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as z from 'zod';
import { buildReport } from './evaluate/index.ts';
import { DEFAULT_GENERATOR_OPTIONS, resolveGeneratorOptions, type GeneratorOptionsOverrides } from './generator/index.ts';
import { TAG_ORDER } from './race-tags.ts';
import { formatReport } from './report/format-report.ts';
import { scoreSyntheticRaces } from './score-synthetic-races.ts';

const USAGE = `Usage: npx tsx calibration/run-calibration.ts [options]
  --races N         synthetic races (default 3000)
  --draws N         Monte Carlo draws per forecast (default 2000)
  --seed S          generator seed (default "calibration")
  --stages LIST     fractions counted to forecast at (default 0.3,0.6,0.9)
  --json FILE       also write the report, settings and every scored forecast as JSON
  --late-join P     shorthand for --overrides '{"counting":{"lateJoinProbability":P}}'
  --overrides JSON  generator options laid over the defaults (see calibration/generator/README.md)
  --model JSON      model parameters laid over the defaults (see docs/model.md), to study a change`;

const Fraction = z.coerce.number().min(0).max(1);

const OptionsSchema = z.strictObject({
  // 3,000, not 1,000: the middle reliability bins then hold ~300 forecasts (standard error ~2.5 points),
  // so the 5-point bin target tests calibration rather than chance (calibration/README.md).
  races: z.coerce.number().int().min(1).default(3000),
  draws: z.coerce.number().int().min(1).default(2000),
  seed: z.string().min(1).default('calibration'),
  stages: z
    .string()
    .default('0.3,0.6,0.9')
    .transform((list) => list.split(',').map((item) => (item.trim() === '' ? Number.NaN : Number(item))))
    .pipe(z.array(z.number().min(0).max(1)).min(1)),
  json: z.string().min(1).optional(),
  'late-join': Fraction.optional(),
  overrides: z.string().optional(),
  model: z.string().optional(),
  help: z.boolean().optional(),
});

type Options = z.infer<typeof OptionsSchema>;

/** Generator overrides from --overrides and --late-join; unknown sections and knobs are errors. */
function generatorOverrides(options: Options): GeneratorOptionsOverrides {
  const parsed: unknown = options.overrides === undefined ? {} : JSON.parse(options.overrides);
  const overrides = z.record(z.string(), z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())])).parse(parsed);
  for (const [section, knobs] of Object.entries(overrides)) {
    const defaults: unknown = DEFAULT_GENERATOR_OPTIONS[section as keyof typeof DEFAULT_GENERATOR_OPTIONS];
    if (defaults === undefined) throw new Error(`unknown generator option section "${section}"`);
    if (Array.isArray(knobs) || Array.isArray(defaults)) continue;
    const unknown = Object.keys(knobs).filter((knob) => !(knob in (defaults as object)));
    if (unknown.length > 0) throw new Error(`unknown generator option ${unknown.map((knob) => `${section}.${knob}`).join(', ')}`);
  }
  const result = overrides as GeneratorOptionsOverrides;
  if (options['late-join'] === undefined) return result;
  return { ...result, counting: { ...result.counting, lateJoinProbability: options['late-join'] } };
}

/** Races done, on stderr, only when it is a terminal. */
function progress(done: number, total: number): void {
  if (!process.stderr.isTTY) return;
  if (done % 10 === 0 || done === total) process.stderr.write(`\rscoring races: ${done}/${total}${done === total ? '\n' : ''}`);
}

function main(argv: readonly string[]): number {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      races: { type: 'string' },
      draws: { type: 'string' },
      seed: { type: 'string' },
      stages: { type: 'string' },
      json: { type: 'string' },
      'late-join': { type: 'string' },
      overrides: { type: 'string' },
      model: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  const checked = checkedOptions(OptionsSchema, values, USAGE);
  if ('exitCode' in checked) return checked.exitCode;
  const options = checked.options;
  let overrides: GeneratorOptionsOverrides;
  try {
    overrides = generatorOverrides(options);
    resolveGeneratorOptions(overrides);
  } catch (error) {
    console.error(`bad generator overrides: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }

  const model = modelParameters(options.model);
  if ('problem' in model) {
    console.error(`bad --model:\n${model.problem}\n\n${USAGE}`);
    return 2;
  }
  const parameters = model.parameters;
  const started = performance.now();
  const scored = scoreSyntheticRaces({ ...options, overrides, parameters, onProgress: progress });
  const report = buildReport(scored, TAG_ORDER);
  const settings = {
    races: options.races,
    seed: options.seed,
    stages: options.stages,
    draws: options.draws,
    overrides,
    model: { version: MODEL_VERSION, parameters },
    seconds: (performance.now() - started) / 1000,
  };
  console.log(formatReport(report, settings));
  if (options.json !== undefined) writeFileSync(options.json, `${JSON.stringify({ settings, report, forecasts: scored })}\n`);
  return report.targets.every((target) => target.passed) ? 0 : 1;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  process.exitCode = 2;
}
