import { ID_RULE, idProblem } from '../core/schemas/index.ts';
import { FeedError } from './feed-error.ts';

/**
 * The feed's id, kept exactly as the feed spells it. An id the rule refuses is an error naming the field,
 * never a silently changed id.
 * @example feedId('20221108AL1005', 'races[0].raceID', 'ap.json') // '20221108AL1005'
 * @throws FeedError `ap.json: races[0].raceID: expected an id: …; got "/"`
 */
export function feedId(value: string, field: string, source: string): string {
  const problem = idProblem(value);
  if (problem !== undefined) throw new FeedError(source, `${field}: expected an id: ${ID_RULE}; ${problem}`);
  return value;
}

/**
 * An id made from a name, for feeds that identify a unit or a ballot type only by its name (Clarity's
 * precincts, counties and vote types): every run of characters other than letters, digits, "-" and "_" becomes
 * one "-", with none at either end; `lower` also lower-cases it and uses "_" instead of "-".
 * @example idFromName('Absentee by Mail Votes', 'VoteType.name', 'x.json', { lower: true }) // 'absentee_by_mail_votes'
 * @example idFromName('St. Mary’s #2', 'Precinct.name', 'x.json') // 'St-Mary-s-2'
 * @throws FeedError when the name holds no letter or digit.
 */
export function idFromName(name: string, field: string, source: string, { lower = false } = {}): string {
  const separator = lower ? '_' : '-';
  const words = name.split(/[^A-Za-z0-9_-]+/).filter((word) => word !== '');
  const id = words.join(separator);
  const result = lower ? id.toLowerCase() : id;
  if (result === '' || idProblem(result) !== undefined) {
    throw new FeedError(source, `${field}: cannot make an id from the name ${JSON.stringify(name)}: ${ID_RULE}`);
  }
  return result;
}
