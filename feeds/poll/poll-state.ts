import * as z from 'zod';

/**
 * What a poller remembers of a feed between polls (in DynamoDB in AWS, in memory for watch and record):
 * - `nextUrl`: AP's `nextrequest` from the last response, the URL to ask next (AP: "Store and use each
 *   newly returned next request link. Do not reconstruct the URL");
 * - `version`: the Clarity version whose report was last read;
 * - `lastBodyHash` and `lastFeedTime`: the last snapshot taken, so the same one served again is ignored;
 * - `lastPolledAt`: when the feed was last asked, so no schedule polls it faster than its interval;
 * - `notBefore`: after a quota refusal, the time the feed asked us to wait for (Retry-After).
 */
export const PollStateSchema = z
  .strictObject({
    nextUrl: z.string().optional(),
    version: z.string().optional(),
    lastBodyHash: z.string().optional(),
    lastFeedTime: z.string().optional(),
    lastPolledAt: z.iso.datetime({ offset: true }).optional(),
    notBefore: z.iso.datetime({ offset: true }).optional(),
  })
  .meta({ id: 'PollState', description: 'What a feed poller remembers between polls.' });

export type PollState = z.infer<typeof PollStateSchema>;
