import * as z from 'zod';
import { Count } from './clarity-schema.ts';

// The parts of a Clarity ENR summary ({version}/json/en/summary.json) that the import reads: a JSON array
// with one object per contest, in Clarity's one- and two-letter keys. Race totals only: no precincts, no
// vote types, no report time. Objects are loose: Clarity sends more (PCT, W, T, CATKEY, …).

/** One contest of summary.json. */
export const ClaritySummaryContestSchema = z
  .looseObject({
    K: z.union([z.string(), z.number()], { error: 'expected the contest key' }).transform(String),
    C: z.string({ error: 'expected the contest name as a string' }),
    CH: z.array(z.string({ error: 'expected a choice name' }), { error: 'expected the choice names as an array' }),
    P: z.array(z.string().nullable()).optional(),
    V: z.array(Count, { error: 'expected the votes of each choice as an array' }),
    PR: Count.optional(),
    TP: Count.optional(),
  })
  .superRefine((contest, context) => {
    if (contest.V.length !== contest.CH.length) {
      context.addIssue({ code: 'custom', path: ['V'], message: `expected one count per choice (${contest.CH.length}), got ${contest.V.length}` });
    }
  });

export const ClaritySummarySchema = z
  .array(ClaritySummaryContestSchema, { error: 'expected an array of contests' })
  .meta({ id: 'ClaritySummary', description: 'The parts of a Clarity ENR summary.json that ballotcast import reads.' });

export type ClaritySummary = z.infer<typeof ClaritySummarySchema>;
export type ClaritySummaryContest = z.infer<typeof ClaritySummaryContestSchema>;
