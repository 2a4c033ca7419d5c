import * as z from 'zod';

/** Where a corpus's outstanding-vote estimates come from. */
export const EstimatesKindSchema = z
  .enum(['derived', 'oracle'])
  .describe('derived: estimates as they could be known on the night; oracle: computed from the final count (hindsight).');

/** `corpus.json` in a corpus folder: labels for every count file under it. */
export const CorpusInfoSchema = z
  .strictObject({
    source: z.string().min(1).describe('Short label of the source, such as "la-2022".'),
    estimates: EstimatesKindSchema,
    description: z.string().optional(),
  })
  .meta({ id: 'CorpusInfo', description: 'Labels of a folder of real count files for the backtest.' });

export type EstimatesKind = z.infer<typeof EstimatesKindSchema>;
export type CorpusInfo = z.infer<typeof CorpusInfoSchema>;

/** The labels a count file is scored under. */
export type CorpusLabel = Pick<CorpusInfo, 'source' | 'estimates'>;

/** The repository's LA 2022 examples: single-unit files whose estimates the registrar published (docs/examples.md). */
export const LA_EXAMPLES_LABEL: CorpusLabel = { source: 'la-2022', estimates: 'derived' };
