import type { Candidate } from '../../core/schemas/index.ts';
import { votesCounted } from '../../core/schemas/votes-counted.ts';
import { DEFAULT_TURNOUT, outstandingFromRegistration, type TurnoutAssumption } from '../estimate/outstanding-from-registration.ts';
import { FeedError } from '../feed-error.ts';
import { feedId, idFromName } from '../feed-ids.ts';
import type { ObservedPart, ObservedUnit, RaceObservation } from '../observation.ts';
import type { FeedSnapshot } from '../recorded-snapshot.ts';
import { readClarityReport } from './clarity-report.ts';
import type { ClarityContest, ClarityDetail } from './clarity-schema.ts';
import { claritySummaryObservations } from './clarity-summary-observations.ts';
import { clarityTimestamp } from './clarity-timestamp.ts';

/**
 * The report's own time (ElectionResult.Timestamp), for a plain report file with no fetch time, and for the
 * poller to tell a report served again. Undefined for summary.json, which carries no time.
 */
export function clarityFeedTime(snapshot: FeedSnapshot): string | undefined {
  const report = readClarityReport(snapshot);
  return report.kind === 'detail' ? reportTime(report.detail, snapshot.source) : undefined;
}

/**
 * What one Clarity body says of each of its contests: a detail report (detailxml.zip, detail.xml or its
 * JSON rendering; readClarityReport) as below, or a summary.json (claritySummaryObservations). Clarity has
 * no race call and no expected vote, and names its precincts, counties and vote types without ids. For each
 * contest of a detail report:
 * - id: the report's region and the contest key ("GA-2"), candidates the choice keys, as Clarity writes them;
 * - units: the precincts (a county's report) or counties (a state's report) its vote types break down into,
 *   or the whole region; a unit's id is made from its name (idFromName: "Annistown Elem" → "Annistown-Elem");
 * - time: ElectionResult.Timestamp, at its zone's offset;
 * - ballot types: the vote types ("Absentee by Mail Votes" → "absentee_by_mail_votes"); the contest's own
 *   Undervotes and Overvotes (vote types outside any choice) are not votes for anyone, and are left out;
 * - outstanding: from the unit's registered voters (VoterTurnout totalVoters) and `turnout`; none when the
 *   report has no turnout for it (the unit then borrows the median, see completeUnits).
 * @throws FeedError naming the field of anything malformed, or two names that make the same id.
 */
export function clarityObservations(snapshot: FeedSnapshot, turnout: TurnoutAssumption = DEFAULT_TURNOUT): RaceObservation[] {
  const report = readClarityReport(snapshot);
  if (report.kind === 'summary') return claritySummaryObservations(report.summary, snapshot);
  const result = report.detail.ElectionResult;
  const asOf = reportTime(report.detail, snapshot.source);
  const region = idFromName(result.Region, 'ElectionResult.Region', snapshot.source);
  const registered = registeredVoters(report.detail);
  return result.Contest.map((contest, contestIndex) => {
    const path = `ElectionResult.Contest[${contestIndex}]`;
    const raceId = feedId(`${region}-${contest.key}`, `${path}.key`, snapshot.source);
    const candidates: Candidate[] = contest.Choice.map((choice, choiceIndex) => ({
      id: feedId(choice.key, `${path}.Choice[${choiceIndex}].key`, snapshot.source),
      name: choice.text,
      ...(choice.party === undefined || choice.party === '' ? {} : { party: choice.party }),
    }));
    const units = contestUnits(contest, path, result.Region, snapshot.source).map((unit) => withRegistration(unit, registered, turnout));
    return { source: snapshot.source, race: { id: raceId, name: contest.text, rule: { kind: 'plurality' }, candidates }, asOf, units: units.map(({ areaNames: _names, ...unit }) => unit) };
  });
}

function reportTime(report: ClarityDetail, source: string): string {
  const text = report.ElectionResult.Timestamp;
  const time = clarityTimestamp(text);
  if (time === undefined) throw new FeedError(source, `ElectionResult.Timestamp: expected a report time like "11/3/2020 11:59:01 PM EST", got ${JSON.stringify(text)}`);
  return time;
}

/** Registered voters by precinct or county name, and for the whole region. */
function registeredVoters(report: ClarityDetail): Map<string, number> {
  const turnout = report.ElectionResult.VoterTurnout;
  const areas = [...(turnout?.Precincts?.Precinct ?? []), ...(turnout?.Counties?.County ?? [])];
  return new Map(areas.map((area) => [area.name, area.totalVoters]));
}

/** A unit as the report gives it, with the names of the precincts or counties it stands for (none: all of them). */
type ContestUnit = ObservedUnit & { areaNames: readonly string[] };

/** The contest's units: one per precinct or county its vote types break down into, or the region as one. */
function contestUnits(contest: ClarityContest, path: string, region: string, source: string): ContestUnit[] {
  const byArea = new Map<string, { id: string; counted: Record<string, number>; types: Record<string, Record<string, number>> }>();
  const names = new Map<string, string>(); // unit id -> the name it was made from
  const typeIds = new Map<string, string>();
  let wholeRegion = false; // the report does not break the contest down: one unit, the region
  const areaUnit = (name: string, field: string) => {
    const id = idFromName(name, field, source);
    const earlier = names.get(id);
    if (earlier !== undefined && earlier !== name) throw new FeedError(source, `${field}: the names ${JSON.stringify(earlier)} and ${JSON.stringify(name)} make the same unit id "${id}"`);
    names.set(id, name);
    let unit = byArea.get(name);
    if (unit === undefined) byArea.set(name, (unit = { id, counted: {}, types: {} }));
    return unit;
  };
  contest.Choice.forEach((choice, choiceIndex) => {
    const choicePath = `${path}.Choice[${choiceIndex}]`;
    const voteTypes = choice.VoteType ?? [];
    const broken = voteTypes.some((voteType) => (voteType.Precinct ?? voteType.County) !== undefined);
    if (!broken) {
      wholeRegion = true;
      const unit = areaUnit(region, 'ElectionResult.Region');
      unit.counted[choice.key] = choice.totalVotes;
      const typed = voteTypes.reduce((sum, voteType) => sum + voteType.votes, 0);
      if (voteTypes.length > 0 && typed === choice.totalVotes) {
        voteTypes.forEach((voteType, typeIndex) => addVotes(unit.types, typeId(voteType.name, `${choicePath}.VoteType[${typeIndex}].name`), choice.key, voteType.votes));
      }
      return;
    }
    voteTypes.forEach((voteType, typeIndex) => {
      const typePath = `${choicePath}.VoteType[${typeIndex}]`;
      const type = typeId(voteType.name, `${typePath}.name`);
      const areaKey = voteType.Precinct === undefined ? 'County' : 'Precinct';
      (voteType.Precinct ?? voteType.County ?? []).forEach((area, areaIndex) => {
        const unit = areaUnit(area.name, `${typePath}.${areaKey}[${areaIndex}].name`);
        unit.counted[choice.key] = (unit.counted[choice.key] ?? 0) + area.votes;
        addVotes(unit.types, type, choice.key, area.votes);
      });
    });
  });
  function typeId(name: string, field: string): string {
    let id = typeIds.get(name);
    if (id === undefined) typeIds.set(name, (id = idFromName(name, field, source, { lower: true })));
    return id;
  }
  return [...byArea.entries()].map(([name, unit]) => {
    const types = Object.keys(unit.types).length === 0 ? undefined : Object.fromEntries(Object.entries(unit.types).map(([type, counted]) => [type, { counted } as ObservedPart]));
    return { id: unit.id, name, counted: unit.counted, ...(types === undefined ? {} : { types }), areaNames: wholeRegion && name === region ? [] : [name] };
  });
}

function addVotes(types: Record<string, Record<string, number>>, type: string, candidate: string, votes: number): void {
  types[type] ??= {};
  types[type][candidate] = (types[type][candidate] ?? 0) + votes;
}

/** The unit with its outstanding votes from its registered voters, when the report has them. */
function withRegistration(unit: ContestUnit, registered: ReadonlyMap<string, number>, turnout: TurnoutAssumption): ContestUnit {
  const names = unit.areaNames.length === 0 ? [...registered.keys()] : unit.areaNames;
  const voters = names.map((name) => registered.get(name));
  if (voters.length === 0 || voters.some((count) => count === undefined)) return unit;
  const counted = votesCounted(unit);
  const total = (voters as number[]).reduce((sum, count) => sum + count, 0);
  return { ...unit, outstanding: outstandingFromRegistration(counted, total, turnout) };
}
