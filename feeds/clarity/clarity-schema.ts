import * as z from 'zod';

// The parts of a Clarity ENR detail report (reports/detailxml.zip, detail.xml) that the import reads, as
// its XML reads into objects (clarity-report.ts) and as its JSON rendering gives them: each element an
// object, its attributes as string keys, a repeated element as an array and a single one as an object (as
// xmltodict and the usual collectors write it). Objects are loose: Clarity sends more than this (the
// contest's own Undervotes and Overvotes vote types, voteFor, ballotsCast, percentReporting, …).

/** An element that may occur once (an object) or more (an array), always read as an array (paths then say [0]). */
const oneOrMore = <Item extends z.ZodType>(item: Item) => z.preprocess((value) => (Array.isArray(value) ? value : [value]), z.array(item));

const WHOLE = 'expected a whole number >= 0';

/** A whole number >= 0, as the XML's attributes give it ("4018") or as a number. */
export const Count = z.preprocess(
  (value) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value),
  z.number({ error: WHOLE }).int({ error: WHOLE }).nonnegative({ error: WHOLE }),
);

/** Votes of one vote type in one precinct or county. */
const AreaVotesSchema = z.looseObject({ name: z.string(), votes: Count });

export const ClarityVoteTypeSchema = z.looseObject({
  name: z.string(),
  votes: Count,
  Precinct: oneOrMore(AreaVotesSchema).optional(),
  County: oneOrMore(AreaVotesSchema).optional(),
});

export const ClarityChoiceSchema = z.looseObject({
  key: z.string({ error: 'expected the choice key as a string' }),
  text: z.string(),
  party: z.string().optional(),
  totalVotes: Count,
  VoteType: oneOrMore(ClarityVoteTypeSchema).optional(),
});

export const ClarityContestSchema = z.looseObject({
  key: z.string({ error: 'expected the contest key as a string' }),
  text: z.string(),
  Choice: oneOrMore(ClarityChoiceSchema),
});

/** A precinct's or county's registered voters (totalVoters) in the report's VoterTurnout. */
const TurnoutAreaSchema = z.looseObject({ name: z.string(), totalVoters: Count });

export const ClarityDetailSchema = z
  .looseObject({
    ElectionResult: z.looseObject({
      Timestamp: z.string({ error: 'expected the report time, e.g. "11/3/2020 11:59:01 PM EST"' }),
      ElectionName: z.string().optional(),
      ElectionDate: z.string().optional(),
      Region: z.string({ error: "expected the report's region (a state or county name)" }),
      VoterTurnout: z
        .looseObject({
          Precincts: z.looseObject({ Precinct: oneOrMore(TurnoutAreaSchema) }).optional(),
          Counties: z.looseObject({ County: oneOrMore(TurnoutAreaSchema) }).optional(),
        })
        .optional(),
      Contest: oneOrMore(ClarityContestSchema),
    }),
  })
  .meta({ id: 'ClarityDetailReport', description: 'The parts of a Clarity ENR detail report (detail.xml, or its JSON rendering) that ballotcast import reads.' });

export type ClarityDetail = z.infer<typeof ClarityDetailSchema>;
export type ClarityContest = z.infer<typeof ClarityContestSchema>;
export type ClarityChoice = z.infer<typeof ClarityChoiceSchema>;
