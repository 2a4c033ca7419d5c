import type { CountFile } from '../core/schemas/count-file.ts';
import { RandomStream } from '../core/random/random-stream.ts';

/**
 * A large, plausible race for benchmarks only: `unitCount` units, `candidateCount` candidates and three
 * releases. Its numbers are not meant to be realistic, just valid and varied.
 */
export function syntheticRace(unitCount: number, candidateCount: number): CountFile {
  const stream = new RandomStream(1, 2, 3, 4);
  const candidates = Array.from({ length: candidateCount }, (_, index) => ({ id: `c${index + 1}`, name: `Candidate ${index + 1}` }));
  const sizes = Array.from({ length: unitCount }, () => Math.round(500 + 20000 * stream.nextUniform()));
  const leans = Array.from({ length: unitCount }, () => candidates.map(() => 0.5 + stream.nextUniform()));
  const release = (step: number) => ({
    asOf: `2024-11-05T2${step}:00:00-08:00`,
    units: sizes.map((size, unit) => {
      const counted = Math.round((size * step) / 4);
      const weightSum = leans[unit].reduce((sum, weight) => sum + weight, 0);
      return {
        id: `u${unit + 1}`,
        counted: Object.fromEntries(
          candidates.map((candidate, index) => [candidate.id, Math.round((counted * leans[unit][index] * (1 + 0.05 * step * index)) / weightSum)]),
        ),
        outstanding: { expected: size - counted, low: Math.round(0.8 * (size - counted)), high: Math.round(1.3 * (size - counted)) },
      };
    }),
  });
  return {
    schemaVersion: 1,
    race: { id: `synthetic-${unitCount}x${candidateCount}`, name: 'Synthetic benchmark race', rule: { kind: 'plurality' }, candidates },
    releases: [release(1), release(2), release(3)],
  };
}
