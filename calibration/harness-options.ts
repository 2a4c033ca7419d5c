import * as z from 'zod';
import { ModelParametersSchema, type ModelParameters } from '../core/model/parameters.ts';

/**
 * The checked options of a harness command (calibrate, backtest), or the exit code to stop with: 2 with the
 * problems and the usage on stderr for bad options, 0 with the usage on stdout for --help.
 */
export function checkedOptions<Schema extends z.ZodType<{ help?: boolean }>>(
  schema: Schema,
  values: unknown,
  usage: string,
): { options: z.infer<Schema> } | { exitCode: number } {
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    console.error(`${z.prettifyError(parsed.error)}\n\n${usage}`);
    return { exitCode: 2 };
  }
  if (parsed.data.help) {
    console.log(usage);
    return { exitCode: 0 };
  }
  return { options: parsed.data };
}

/**
 * Model parameters from a `--model JSON` option laid over the defaults, or the problem in words (bad JSON,
 * an unknown parameter, a value out of range).
 * @example modelParameters('{"priorBatches":4}') // { overrides: { priorBatches: 4 }, parameters: { …defaults, priorBatches: 4 } }
 */
export function modelParameters(text: string | undefined): { overrides: unknown; parameters: ModelParameters } | { problem: string } {
  let overrides: unknown;
  try {
    overrides = text === undefined ? {} : JSON.parse(text);
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
  const parsed = ModelParametersSchema.safeParse(overrides);
  return parsed.success ? { overrides, parameters: parsed.data } : { problem: z.prettifyError(parsed.error) };
}
