import type { RandomStream } from '../random/random-stream.ts';
import type { Race } from '../schemas/count-file.ts';

/**
 * What a race needs to take its share of its election's swing: the parties of its candidates and the
 * swing's size. Computed once per forecast; plain data, so that it can be copied to worker threads.
 */
export interface SharedSwing {
  readonly electionId: string;
  /** The parties of the race's candidates, each once, in the order the candidates list them. */
  readonly parties: readonly string[];
  /** Per candidate, the index of its party in `parties`, or -1 for a candidate of no party. */
  readonly candidateParty: Int32Array;
  /** `sharedSwingSd`: the sd of each party's swing, on the log scale of votes. */
  readonly sd: number;
}

/**
 * The race's part in its election's shared swing, or undefined when it has none: no election, no
 * candidate with a party, or a swing of size 0. A candidate's party is its `party` text (empty = none).
 * @example sharedSwingOf({ ...race, election: { id: 'night', name: 'Night' } }, 0.1)?.parties // ['Dem', 'Rep']
 */
export function sharedSwingOf(race: Race, sd: number): SharedSwing | undefined {
  if (race.election === undefined || !(sd > 0)) return undefined;
  const parties: string[] = [];
  const candidateParty = Int32Array.from(race.candidates, (candidate) => {
    const party = candidate.party ?? '';
    if (party === '') return -1;
    if (!parties.includes(party)) parties.push(party);
    return parties.indexOf(party);
  });
  return parties.length === 0 ? undefined : { electionId: race.election.id, parties, candidateParty, sd };
}

/**
 * The shift that the shared swing adds to every unit's log-ratios, for each draw of a block: `drawCount`
 * rows of one value per log-ratio dimension. `partyStreams[p]` is the block's swing stream of party p
 * (`swingStreamForBlock`); draw k takes the k-th normal of each, z[p]. Each candidate's log-votes move by
 * sd·z[its party] (0 for no party), so the log-ratio of candidate j against the reference r moves by
 * sd·(z[party j] − z[party r]).
 */
export function swingShifts(
  swing: SharedSwing,
  partyStreams: readonly RandomStream[],
  dimensionCandidate: Int32Array,
  referenceCandidate: number,
  drawCount: number,
): Float64Array {
  const dimensions = dimensionCandidate.length;
  const shifts = new Float64Array(drawCount * dimensions);
  const partySwing = new Float64Array(swing.parties.length);
  const candidateSwing = (candidate: number) => {
    const party = swing.candidateParty[candidate];
    return party < 0 ? 0 : swing.sd * partySwing[party];
  };
  for (let draw = 0; draw < drawCount; draw++) {
    for (let party = 0; party < partySwing.length; party++) partySwing[party] = partyStreams[party].nextNormal();
    const referenceSwing = candidateSwing(referenceCandidate);
    for (let d = 0; d < dimensions; d++) shifts[draw * dimensions + d] = candidateSwing(dimensionCandidate[d]) - referenceSwing;
  }
  return shifts;
}
