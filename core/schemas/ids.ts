import * as z from 'zod';
import { ID_PATTERN, ID_RULE, idProblem } from './id-rule.ts';

/**
 * A race, unit or candidate id: what the feed uses, e.g. AP's `20240305CA0016`, a state's `GA` or
 * `20210105GA-night`. One schema for all three, so one rule decides what reaches S3 keys and URLs.
 * The error names what is allowed and what was wrong, e.g.
 * `expected an id: 1 to 128 characters, each a letter (either case), …; got "/"`.
 */
export const IdSchema = z
  .string({ error: `expected an id as a string: ${ID_RULE}` })
  .regex(ID_PATTERN, { error: (issue) => `expected an id: ${ID_RULE}; ${idProblem(String(issue.input))}` })
  .meta({
    id: 'Id',
    description: `A race, unit or candidate id, as the feed spells it: ${ID_RULE}. Ids that differ only in case are different ids.`,
  });
