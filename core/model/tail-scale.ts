import type { NormalSource } from '../random/normal-source.ts';

/**
 * A random scale that turns normal errors into Student-t errors of the same variance: sqrt((ν − 2) / χ²_ν),
 * with χ²_ν the sum of ν squared normals. Multiplying a normal by it gives a t distribution with ν degrees
 * of freedom and variance 1: more mass near zero and heavier tails than the normal, as drift between early
 * and late votes is small in most races and large in a few. ν must be a whole number >= 3.
 * See Gelman et al., Bayesian Data Analysis, appendix A (the t as a scale mixture of normals).
 */
export function drawTailScale(stream: NormalSource, degrees: number): number {
  let chiSquare = 0;
  for (let i = 0; i < degrees; i++) {
    const normal = stream.nextNormal();
    chiSquare += normal * normal;
  }
  return Math.sqrt((degrees - 2) / chiSquare);
}
