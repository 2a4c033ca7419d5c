import { inputHash } from '../provenance/canonical-input.ts';
import type { CountFile } from '../schemas/count-file.ts';

/**
 * The seed of a run that asked for none: the first 16 hex digits of the hash of its input without the
 * desk's calls. Different inputs get unrelated streams, but a call, which never changes the draws, leaves the
 * seed too, so a race's probabilities stay exactly what they were when it is called. The forecast records
 * the seed, so a rerun repeats it.
 */
export function defaultSeed(countFile: CountFile): string {
  const { desk, ...rest } = countFile;
  const overrides = desk?.overrides;
  const drawn = overrides === undefined ? rest : { ...rest, desk: { overrides } };
  return inputHash(drawn).replace(/^sha256:/, '').slice(0, 16);
}
