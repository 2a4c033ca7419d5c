import { MODEL_VERSION } from '../../core/model/parameters.ts';
import { inputKey, isInputKeyOf } from '../../core/pipeline/published-keys.ts';
import { inputHash } from '../../core/provenance/canonical-input.ts';
import { ForecastSchema, formatIssues, parseCountFile, type CountFile, type Forecast } from '../../core/schemas/index.ts';
import { runForecasts } from '../../runtime/run-forecasts.ts';
import { printable } from '../format/printable.ts';
import { jsonText, type Output } from '../output.ts';
import { firstDifference, headlineTable } from '../rerun/compare-forecasts.ts';
import { applyOverrides } from '../rerun/overrides.ts';
import { openPublishedSource, type PublishedSource } from '../rerun/published-source.ts';
import { simulationOptions } from '../simulation-options.ts';
import { parseCommandLine } from '../parse-command-line.ts';
import { UsageError } from '../usage-error.ts';

export const RERUN_HELP = `Usage: ballotcast rerun RUN [--endpoint URL] [--threads N] [--json]
       ballotcast rerun RUN [--draws N] [--seed S] [--set UNIT.FIELD=VALUE]...   (what if)

Computes a published forecast again from its published input, with its seed and draws, and says whether
the result is byte-identical. Exits 1 when it is not. RUN is a file path, an http(s):// URL or an
s3://bucket/key URI of …/races/{raceId}/runs/{runId}.json; its input is read from the same place.
  --endpoint URL   S3 endpoint for s3:// (e.g. the local s3rver); or set AWS_ENDPOINT_URL_S3
  --draws, --seed  explore with other draws or another seed (no longer a reproduction)
  --set            change the input's last release, e.g.
                   --set los-angeles-city.outstanding.expected=400000   (or =*1.2 to scale)
                     a new expected moves low and high by the same ratio (new/old expected),
                     or drops them if the old expected was 0; set low or high after it to choose them
                   --set los-angeles-city.outstanding.lean=bass:0.55,caruso:0.45
                   --set '*.outstanding.high=*1.5'   (every unit)
  --json           print the recomputed forecast as JSON; the report goes to stderr`;

const FLAGS = {
  draws: { type: 'string' },
  seed: { type: 'string' },
  set: { type: 'string', multiple: true },
  endpoint: { type: 'string' },
  threads: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** `ballotcast rerun`: reproduce, or explore, a published forecast. */
export async function rerunCommand(args: readonly string[], output: Output): Promise<number> {
  const { values, positionals } = parseCommandLine('rerun', args, FLAGS);
  if (positionals.length !== 1) throw new UsageError('rerun takes exactly one published run', [RERUN_HELP]);
  const source = openPublishedSource(positionals[0], { endpoint: values.endpoint });
  const publishedText = await source.read(source.runKey);
  const published = parsePublished(publishedText, source.runKey);
  const stored = await readInput(source, published);
  const exploring = values.draws !== undefined || values.seed !== undefined || (values.set?.length ?? 0) > 0;
  const options = simulationOptions({ draws: values.draws ?? String(published.draws), seed: values.seed ?? published.seed, threads: values.threads });
  const countFile = exploring ? applyOverrides(stored, values.set ?? []) : stored;
  const [recomputed] = await runForecasts([{ countFile, seed: options.seed, draws: options.draws }], { threads: options.threads });
  const recomputedText = jsonText(recomputed);
  const report = [
    `Run ${printable(source.runKey)}: model ${printable(published.modelVersion)}, seed ${printable(published.seed)}, ${published.draws} draws, input ${printable(published.inputHash)}`,
    ...warnings(published, stored),
    verdict(exploring, publishedText, recomputedText, values),
    '',
    headlineTable(published, recomputed),
    '',
  ].join('\n');
  (values.json === true ? output.stderr : output.stdout).write(report);
  if (values.json === true) output.stdout.write(recomputedText);
  return exploring || publishedText === recomputedText ? 0 : 1;
}

function parsePublished(text: string, key: string): Forecast {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${key}: not valid JSON: ${(error as Error).message}`);
  }
  const parsed = ForecastSchema.safeParse(json);
  if (!parsed.success) throw new UsageError(`${key}: not a ballotcast forecast`, formatIssues(parsed.error));
  return parsed.data;
}

async function readInput(source: PublishedSource, published: Forecast): Promise<CountFile> {
  const key = inputKeyOf(published);
  let json: unknown;
  try {
    json = JSON.parse(await source.read(key));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${key}: not valid JSON: ${(error as Error).message}`);
  }
  const parsed = parseCountFile(json);
  if (!parsed.ok) throw new UsageError(`${key}: not a valid count file`, parsed.errors);
  return parsed.value;
}

/**
 * Where the run says its input is: only ever beside it, so a published file cannot send us elsewhere.
 * (ForecastSchema has already checked the race id.)
 */
function inputKeyOf(published: Forecast): string {
  const key = published.input ?? inputKey(published.raceId, published.inputHash);
  if (!isInputKeyOf(published.raceId, key)) {
    throw new UsageError(`the run's input ${JSON.stringify(published.input ?? '')} is not races/{raceId}/inputs/sha256:{64 hex digits}.json of race ${JSON.stringify(published.raceId)}`);
  }
  return key;
}

/** What may explain a difference before any number is compared. */
function warnings(published: Forecast, stored: CountFile): string[] {
  const lines: string[] = [];
  if (published.modelVersion !== MODEL_VERSION) {
    lines.push(`Model versions differ: the run was made with model ${printable(published.modelVersion)}, this ballotcast has ${MODEL_VERSION}. The numbers may differ; compare below.`);
  }
  const storedHash = inputHash(stored);
  if (storedHash !== published.inputHash) {
    lines.push(`The stored input does not match the forecast's inputHash: it hashes to ${storedHash}. It was changed after the run.`);
  }
  return lines;
}

function verdict(exploring: boolean, publishedText: string, recomputedText: string, values: { draws?: string; seed?: string; set?: string[] }): string {
  if (exploring) {
    const changes = [
      ...(values.seed === undefined ? [] : [`seed ${printable(values.seed)}`]),
      ...(values.draws === undefined ? [] : [`${values.draws} draws`]),
      ...(values.set ?? []).map((override) => `--set ${printable(override)}`),
    ];
    return `What if: ${changes.join(', ')}. This is an exploration, NOT a reproduction of the published forecast.`;
  }
  if (publishedText === recomputedText) return `Reproduced: byte-identical (${Buffer.byteLength(recomputedText)} bytes).`;
  const difference = firstDifference(publishedText, recomputedText);
  return `NOT reproduced: the forecasts differ, first at line ${difference?.line}:\n  published:  ${difference?.published.trim()}\n  recomputed: ${difference?.recomputed.trim()}`;
}
