import type { RandomStream } from '../random/random-stream.ts';
import type { Race } from '../schemas/count-file.ts';

/**
 * What a race needs to take its share of its election's swing: the parties of its candidates and the
 * swing's share of the race's common lean error. Computed once per forecast; plain data, so that it can be
 * copied to worker threads.
 */
export interface SharedSwing {
  readonly electionId: string;
  /** The parties of the race's candidates, each once, in the order the candidates list them. */
  readonly parties: readonly string[];
  /** Per candidate, the index of its party in `parties`, or -1 for a candidate of no party. */
  readonly candidateParty: Int32Array;
  /** `sharedSwingShare`: the share of the variance of the race's common lean normals that the swing carries. */
  readonly share: number;
}

/** A block's swing, per draw and log-ratio dimension, and the weight left to the race's own common normal. */
export interface SwingLean {
  /** draws × dimensions: sqrt(c_d)·w_d, the swing's part of the common lean normal of dimension d. */
  readonly swingPart: Float64Array;
  /** Per dimension: sqrt(1 − c_d), the weight of the race's own common lean normal. */
  readonly ownWeight: Float64Array;
}

/**
 * The race's part in its election's shared swing, or undefined when it has none: no election, no
 * candidate with a party, or a share of 0. A candidate's party is its `party` text (empty = none).
 * @example sharedSwingOf({ ...race, election: { id: 'night', name: 'Night' } }, 0.5)?.parties // ['Dem', 'Rep']
 */
export function sharedSwingOf(race: Race, share: number): SharedSwing | undefined {
  if (race.election === undefined || !(share > 0)) return undefined;
  const parties: string[] = [];
  const candidateParty = Int32Array.from(race.candidates, (candidate) => {
    const party = candidate.party ?? '';
    if (party === '') return -1;
    if (!parties.includes(party)) parties.push(party);
    return parties.indexOf(party);
  });
  return parties.length === 0 ? undefined : { electionId: race.election.id, parties, candidateParty, share };
}

/**
 * The swing's part of each draw's common lean normals, for `drawCount` draws of a block. `partyStreams[p]`
 * is the block's swing stream of party p (`swingStreamForBlock`); draw k takes the k-th normal of each,
 * W[p]. The log-ratio of candidate j against the reference r gets w = (W[party j] − W[party r]) / sqrt(n),
 * n the number of the two that have a party, a standard normal; a dimension whose two candidates share a
 * party, or have none, gets no swing (c_d = 0). Mixed as sqrt(c)·w + sqrt(1 − c)·own, the common normal
 * stays a standard normal, so the swing correlates races without widening any of them.
 */
export function swingLean(
  swing: SharedSwing,
  partyStreams: readonly RandomStream[],
  dimensionCandidate: Int32Array,
  referenceCandidate: number,
  drawCount: number,
): SwingLean {
  const dimensions = dimensionCandidate.length;
  const referenceParty = swing.candidateParty[referenceCandidate];
  const parties = Array.from(dimensionCandidate, (candidate) => swing.candidateParty[candidate]);
  const partiesSet = parties.map((party) => (party === referenceParty ? 0 : Number(party >= 0) + Number(referenceParty >= 0)));
  const swingWeight = Float64Array.from(partiesSet, (n) => (n === 0 ? 0 : Math.sqrt(swing.share / n)));
  const ownWeight = Float64Array.from(partiesSet, (n) => (n === 0 ? 1 : Math.sqrt(1 - swing.share)));
  const partyNormal = new Float64Array(swing.parties.length);
  const normalOf = (party: number) => (party < 0 ? 0 : partyNormal[party]);
  const swingPart = new Float64Array(drawCount * dimensions);
  for (let draw = 0; draw < drawCount; draw++) {
    for (let party = 0; party < partyNormal.length; party++) partyNormal[party] = partyStreams[party].nextNormal();
    const referenceNormal = normalOf(referenceParty);
    for (let d = 0; d < dimensions; d++) swingPart[draw * dimensions + d] = swingWeight[d] * (normalOf(parties[d]) - referenceNormal);
  }
  return { swingPart, ownWeight };
}
