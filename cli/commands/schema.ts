import { countFileJsonSchema, forecastJsonSchema, nightSummaryJsonSchema, raceOutcomesJsonSchema } from '../../core/schemas/index.ts';
import { jsonText, type Output } from '../output.ts';
import { parseCommandLine } from '../parse-command-line.ts';
import { UsageError } from '../usage-error.ts';

export const SCHEMA_HELP = `Usage: ballotcast schema [count-file|forecast|night-summary|race-outcomes]

Prints the JSON Schema (draft 2020-12) generated from ballotcast's zod schemas: of the count file
(the input; the default), of the forecast (the output), of the night summary (ballotcast night --json)
or of one race's seat winner per draw (what a night summary is computed from).`;

const SCHEMAS = {
  'count-file': countFileJsonSchema,
  forecast: forecastJsonSchema,
  'night-summary': nightSummaryJsonSchema,
  'race-outcomes': raceOutcomesJsonSchema,
} as const;

/** `ballotcast schema`: the generated JSON Schema of the input or the output. */
export async function schemaCommand(args: readonly string[], output: Output): Promise<void> {
  const { positionals } = parseCommandLine('schema', args, {});
  if (positionals.length > 1) throw new UsageError('schema takes at most one argument', [SCHEMA_HELP]);
  const which = positionals[0] ?? 'count-file';
  if (!Object.hasOwn(SCHEMAS, which)) throw new UsageError(`schema: unknown schema "${which}"`, [SCHEMA_HELP]);
  output.stdout.write(jsonText(SCHEMAS[which as keyof typeof SCHEMAS]()));
}
