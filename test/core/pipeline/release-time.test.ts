import { describe, expect, it } from 'vitest';
import { asOfWindowProblem, EARLIEST_AS_OF } from '../../../core/pipeline/release-time.ts';

const NOW = '2024-11-06T02:00:00Z';

describe('the window of a release time', () => {
  it.each(['2024-11-05T20:00:00-05:00', EARLIEST_AS_OF, '2024-11-08T02:00:00Z', '2024-11-08T03:59:00+02:00'])('accepts %s', (asOf) => {
    expect(asOfWindowProblem(asOf, NOW)).toBeUndefined();
  });

  it.each(['9999-12-31T00:00:00Z', '0000-01-01T00:00:00Z', '1989-12-31T23:59:59Z', '2024-11-08T02:00:01Z'])('refuses %s, saying what the window is', (asOf) => {
    expect(asOfWindowProblem(asOf, NOW)).toBe(`expected a time from 1990-01-01T00:00:00Z to 48 hours after now (now is 2024-11-06T02:00:00Z); got ${asOf}`);
  });

  it('refuses what is not a date-time at all (zod refuses a 30 February before this is asked)', () => {
    expect(asOfWindowProblem('soon', NOW)).toMatch(/got soon, which is not a real date$/);
  });
});
