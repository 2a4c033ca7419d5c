import { MODEL_VERSION } from '../model/parameters.ts';
import { standingCall } from '../desk/standing-call.ts';
import { seatWinners } from '../rules/seat-winners.ts';
import type { CountFile } from '../schemas/count-file.ts';
import type { RaceOutcomesDocument } from '../schemas/night.ts';

/** One race's seat winner in every draw (`seatWinners`, NO_SEAT for nobody), with what it was computed from. */
export type RaceOutcomes = Omit<RaceOutcomesDocument, 'schemaVersion' | 'seatWinners'> & { readonly seatWinners: Int16Array };

/** What a run of a race was: the count file as of the release forecast, the seed and the number of draws. */
export interface RaceRun {
  readonly countFile: CountFile;
  readonly releaseIndex: number;
  readonly seed: string;
  readonly draws: number;
  readonly inputHash: string;
}

/**
 * The seat winner of each draw of a run of a race of an election, from its final votes (draws × candidates).
 * @throws RangeError when the race belongs to no election: its draws share nothing with other races.
 */
export function raceOutcomes(run: RaceRun, finalVotes: Float64Array): RaceOutcomes {
  const { race } = run.countFile;
  if (race.election === undefined) throw new RangeError(`race ${race.id} belongs to no election (race.election)`);
  const call = standingCall(run.countFile);
  return {
    raceId: race.id,
    raceName: race.name,
    electionId: race.election.id,
    rule: race.rule,
    asOf: run.countFile.releases[run.releaseIndex].asOf,
    releaseIndex: run.releaseIndex,
    seed: run.seed,
    draws: run.draws,
    modelVersion: MODEL_VERSION,
    inputHash: run.inputHash,
    candidates: race.candidates.map(({ id, name, party }) => ({ id, name, ...(party === undefined || party === '' ? {} : { party }) })),
    ...(call === undefined ? {} : { call }),
    seatWinners: seatWinners(finalVotes, race.candidates.length, race.rule),
  };
}

/** The outcomes as a JSON document: the seat winners as 16-bit little-endian integers in base64. */
export function raceOutcomesDocument(outcomes: RaceOutcomes): RaceOutcomesDocument {
  const bytes = new Uint8Array(outcomes.seatWinners.length * 2);
  outcomes.seatWinners.forEach((winner, draw) => {
    bytes[2 * draw] = winner & 0xff;
    bytes[2 * draw + 1] = (winner >> 8) & 0xff;
  });
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return { schemaVersion: 1, ...outcomes, seatWinners: btoa(binary) };
}

/**
 * The outcomes back from a (validated) document.
 * @throws RangeError when the seat winners do not hold one 16-bit integer per draw.
 */
export function raceOutcomesFromDocument(document: RaceOutcomesDocument): RaceOutcomes {
  const binary = atob(document.seatWinners);
  if (binary.length !== document.draws * 2) {
    throw new RangeError(`race ${document.raceId}: seatWinners holds ${binary.length} bytes, not 2 per draw of ${document.draws}`);
  }
  const seatWinners = new Int16Array(document.draws);
  // Sign-extend the 16-bit value: (x << 16) >> 16.
  for (let draw = 0; draw < document.draws; draw++) {
    seatWinners[draw] = ((binary.charCodeAt(2 * draw) | (binary.charCodeAt(2 * draw + 1) << 8)) << 16) >> 16;
  }
  const { schemaVersion: _version, ...rest } = document;
  return { ...rest, seatWinners };
}
