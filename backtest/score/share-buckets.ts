/** Buckets of the share counted at a release, in report order. */
export const SHARE_BUCKETS = ['<50%', '50-80%', '80-95%', '>=95%'] as const;

export type ShareBucket = (typeof SHARE_BUCKETS)[number];

/**
 * The bucket of a share counted (votes counted at the release over the final total): [0, 0.5), [0.5, 0.8),
 * [0.8, 0.95), and 0.95 or more (a share above 1, after a correction downwards, goes there too).
 * @example shareBucket(0.8) // '80-95%'
 */
export function shareBucket(shareCounted: number): ShareBucket {
  if (shareCounted < 0.5) return '<50%';
  if (shareCounted < 0.8) return '50-80%';
  if (shareCounted < 0.95) return '80-95%';
  return '>=95%';
}
