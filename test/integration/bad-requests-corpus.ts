import type { Race, Release } from '../../core/schemas/index.ts';
import { sampleRace, sampleRelease } from './local-stack-fixture.ts';

// The rows of bad-requests.test.ts: each request, the 4xx it must get and what its error must name.

export const RACE = 'bad-requests-base';
export const TIMES = ['2026-11-03T20:00:00-08:00', '2026-11-03T21:00:00-08:00'];
const NEXT = '2026-11-03T22:00:00-08:00';

/** A valid next release of the base race, to be spoiled by one change. */
export const next = (): Release => sampleRelease(NEXT, 3);
export const race = (id = RACE): Race => sampleRace(id);

/** `value` with the change applied to a fresh copy. */
function spoiled<T>(value: T, change: (copy: any) => void): T {
  const copy = structuredClone(value);
  change(copy);
  return copy;
}

/** The release as JSON with `insert` placed right after the first occurrence of `after` (raw keys zod would drop). */
function rawRelease(after: string, insert: string): string {
  const text = JSON.stringify(next());
  const at = text.indexOf(after);
  if (at < 0) throw new Error(`"${after}" is not in the release`);
  return `${text.slice(0, at + after.length)}${insert}${text.slice(at + after.length)}`;
}

/** A valid release of `count` units, each a copy of the next release's first. */
function manyUnits(count: number): Release {
  const release = next();
  return { ...release, units: Array.from({ length: count }, (_, index) => ({ ...release.units[0], id: `unit-${index}` })) };
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

export interface BadRequest {
  readonly name: string;
  readonly method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  readonly path: string;
  /** A JSON value to send, or the raw text when a string. A function is called when the request is sent. */
  readonly body?: unknown | (() => unknown);
  readonly raw?: boolean;
  readonly token?: string | null;
  readonly status: number;
  /** Matched against the error's message and issues, one per line. */
  readonly says: RegExp;
}

export const releases = `/races/${RACE}/releases`;
const post = (name: string, body: unknown, says: RegExp, status = 400): BadRequest => ({ name, method: 'POST', path: releases, body, status, says });
const postRaw = (name: string, body: string, says: RegExp, status = 400): BadRequest => ({ name, method: 'POST', path: releases, body, raw: true, status, says });
const putRace = (name: string, body: unknown, says: RegExp, status = 400, id = 'bad-requests-new'): BadRequest => ({ name, method: 'PUT', path: `/races/${id}`, body, status, says });
const runs = (name: string, body: unknown, says: RegExp, status = 400): BadRequest => ({ name, method: 'POST', path: `/races/${RACE}/runs`, body, status, says });
const unit0 = (change: (unit: any) => void) => spoiled(next(), (release) => change(release.units[0]));
const ON_ASOF = /^asOf: expected a time from 1990-01-01T00:00:00Z to 48 hours after now/m;

export const CORPUS: readonly BadRequest[] = [
  // Not JSON, or not an object.
  postRaw('invalid JSON', '{"asOf": ', /not valid JSON/),
  postRaw('an empty body', '', /request body is empty/),
  postRaw('white space only', ' \n\t ', /request body is empty/),
  postRaw('plain text instead of JSON', 'asOf=2026-11-03', /not valid JSON/),
  postRaw('XML instead of JSON', '<release asOf="2026-11-03T22:00:00-08:00"/>', /not valid JSON/),
  postRaw('JSON behind a byte-order mark', `\uFEFF${JSON.stringify(next())}`, /not valid JSON/),
  postRaw('NaN', 'NaN', /not valid JSON/),
  postRaw('a trailing comma', JSON.stringify(next()).replace(/}$/, ',}'), /not valid JSON/),
  post('null', null, /^\(root\): /m),
  post('an array', [next()], /^\(root\): /m),
  post('a string', 'release', /^\(root\): /m),
  post('a number', 42, /^\(root\): /m),

  // The release's own fields: missing, wrong types, unknown.
  post('no asOf', spoiled(next(), (release) => delete release.asOf), /^asOf: /m),
  post('no units', spoiled(next(), (release) => delete release.units), /^units: /m),
  post('no units at all', spoiled(next(), (release) => (release.units = [])), /^units: expected at least 1 unit/m),
  post('units as an object', spoiled(next(), (release) => (release.units = { north: release.units[0] })), /^units: /m),
  post('a unit as a string', spoiled(next(), (release) => (release.units[0] = 'north')), /^units\[0\]: /m),
  post('a unit as nested arrays', spoiled(next(), (release) => (release.units[0] = [[[[[[[[[[]]]]]]]]]])), /^units\[0\]: /m),
  post('an unknown top-level field', spoiled(next(), (release) => (release.source = 'AP')), /Unrecognized key: "source"/),
  post('an unknown unit field', unit0((unit) => (unit.votes = 5)), /^units\[0\]: Unrecognized key: "votes"/m),
  post('an unknown outstanding field', unit0((unit) => (unit.outstanding.remaining = 5)), /^units\[0\]\.outstanding: Unrecognized key: "remaining"/m),

  // asOf.
  post('asOf as a number', spoiled(next(), (release) => (release.asOf = 1_762_228_800_000)), /^asOf: expected an ISO 8601 date-time/m),
  post('asOf in words', spoiled(next(), (release) => (release.asOf = 'tonight')), /^asOf: expected an ISO 8601 date-time/m),
  post('asOf without an offset', spoiled(next(), (release) => (release.asOf = '2026-11-03T22:00:00')), /^asOf: expected an ISO 8601 date-time/m),
  post('asOf on 30 February', spoiled(next(), (release) => (release.asOf = '2024-02-30T22:00:00Z')), /^asOf: expected an ISO 8601 date-time/m),
  post('asOf 9999-12-31', spoiled(next(), (release) => (release.asOf = '9999-12-31T23:59:59Z')), ON_ASOF),
  post('asOf 0000-01-01', spoiled(next(), (release) => (release.asOf = '0000-01-01T00:00:00Z')), ON_ASOF),
  post('asOf just before 1990', spoiled(next(), (release) => (release.asOf = '1989-12-31T23:59:59Z')), ON_ASOF),
  post('asOf three days ahead', () => spoiled(next(), (release) => (release.asOf = inDays(3))), ON_ASOF),
  post('asOf a year ahead', () => spoiled(next(), (release) => (release.asOf = inDays(365))), ON_ASOF),

  // Labels and unit names: types, lengths, control characters.
  post('a label that is a number', spoiled(next(), (release) => (release.label = 3)), /^label: /m),
  post('a label of 501 characters', spoiled(next(), (release) => (release.label = 'l'.repeat(501))), /^label: expected a label of 0 to 500 characters.*got 501 characters/m),
  post('a label holding NUL', spoiled(next(), (release) => (release.label = 'Update\u00003')), /^label: .*U\+0000/m),
  post('a label holding ESC', spoiled(next(), (release) => (release.label = '\u001b[2J Update')), /^label: .*U\+001B/m),
  post('a label holding a C1 control', spoiled(next(), (release) => (release.label = 'Update\u0085')), /^label: .*U\+0085/m),
  post('a label holding an unpaired surrogate', spoiled(next(), (release) => (release.label = 'Update \ud800')), /^label: .*unpaired surrogate U\+D800/m),
  post('a unit name of 201 characters', unit0((unit) => (unit.name = 'n'.repeat(201))), /^units\[0\]\.name: .*got 201 characters/m),
  post('a unit name of 500 KB', unit0((unit) => (unit.name = 'n'.repeat(500_000))), /^units\[0\]\.name: .*got 500000 characters/m),
  post('a unit name holding NUL', unit0((unit) => (unit.name = 'North\u0000')), /^units\[0\]\.name: .*U\+0000/m),
  post('a unit name holding a newline', unit0((unit) => (unit.name = 'North\nward')), /^units\[0\]\.name: .*U\+000A/m),
  post('a unit name holding DEL', unit0((unit) => (unit.name = 'North\u007f')), /^units\[0\]\.name: .*U\+007F/m),
  post('a unit name that is an object', unit0((unit) => (unit.name = { en: 'North' })), /^units\[0\]\.name: /m),

  // "__proto__" and other prototype keys.
  postRaw('"__proto__" in counted', rawRelease('"counted":{', '"__proto__":5,'), /^units\[0\]\.counted\.__proto__: "__proto__" is not allowed as a key/m),
  postRaw('"__proto__" as the only counted key', rawRelease('"counted":', '{"__proto__":{"ada":1}},"x":'), /^units\[0\]\.counted\.__proto__: /m),
  postRaw('"__proto__" at the top level', `{"__proto__":{"isAdmin":true},${JSON.stringify(next()).slice(1)}`, /^__proto__: "__proto__" is not allowed/m),
  postRaw('"__proto__" in a unit', rawRelease('"units":[{', '"__proto__":{},'), /^units\[0\]\.__proto__: /m),
  postRaw('"__proto__" in outstanding', rawRelease('"outstanding":{', '"__proto__":{"expected":1},'), /^units\[0\]\.outstanding\.__proto__: /m),
  post('"__proto__" in the lean', unit0((unit) => (unit.outstanding.lean = JSON.parse('{"__proto__":0.5,"ada":0.5,"grace":0.5}'))), /^units\[0\]\.outstanding\.lean\.__proto__: /m),
  post('"__proto__" as a ballot type', unit0((unit) => (unit.types = JSON.parse('{"__proto__":{"counted":{},"outstanding":{"expected":0}}}'))), /^units\[0\]\.types\.__proto__: /m),
  post('"constructor" in counted', unit0((unit) => (unit.counted.constructor = 1)), /^units\[0\]\.counted\.constructor: unknown candidate "constructor"/m),
  post('"toString" in counted', unit0((unit) => (unit.counted.toString = 1)), /^units\[0\]\.counted\.toString: unknown candidate "toString"/m),
  post('"prototype" in counted', unit0((unit) => (unit.counted.prototype = 1)), /^units\[0\]\.counted\.prototype: unknown candidate "prototype"/m),

  // Counts.
  post('an unknown candidate', unit0((unit) => (unit.counted.dan = 5)), /^units\[0\]\.counted\.dan: unknown candidate "dan"/m),
  post('a missing candidate', unit0((unit) => delete unit.counted.grace), /^units\[0\]\.counted: missing candidate "grace"/m),
  post('a negative count', unit0((unit) => (unit.counted.ada = -1)), /^units\[0\]\.counted\.ada: expected a whole number >= 0/m),
  post('a fractional count', unit0((unit) => (unit.counted.ada = 300.5)), /^units\[0\]\.counted\.ada: expected a whole number >= 0/m),
  post('a count as a string', unit0((unit) => (unit.counted.ada = '300')), /^units\[0\]\.counted\.ada: expected a whole number >= 0/m),
  post('a count of null', unit0((unit) => (unit.counted.ada = null)), /^units\[0\]\.counted\.ada: expected a whole number >= 0/m),
  post('a count of true', unit0((unit) => (unit.counted.ada = true)), /^units\[0\]\.counted\.ada: expected a whole number >= 0/m),
  post('a count as an array', unit0((unit) => (unit.counted.ada = [300])), /^units\[0\]\.counted\.ada: expected a whole number >= 0/m),
  post('a count of 1e20', unit0((unit) => (unit.counted.ada = 1e20)), /^units\[0\]\.counted\.ada: expected a whole number >= 0/m),
  post('a count above 2^53', unit0((unit) => (unit.counted.ada = 2 ** 53 + 2)), /^units\[0\]\.counted\.ada: expected a whole number >= 0/m),
  postRaw('a count of 1e400 (Infinity once parsed)', rawRelease('"counted":{', '"dan":1e400,'), /^units\[0\]\.counted\.dan: expected a whole number >= 0/m),
  post('counted as an array', unit0((unit) => (unit.counted = [300, 270])), /^units\[0\]\.counted: /m),
  post('no counted', unit0((unit) => delete unit.counted), /^units\[0\]\.counted: /m),
  post('counts that go down without a correction', unit0((unit) => (unit.counted.ada = 1)), /^units\[0\]\.counted\.ada: went down from 200 to 1/m),
  post('a correction that is not a boolean', unit0((unit) => (unit.correction = 'yes')), /^units\[0\]\.correction: /m),

  // Outstanding votes and the lean.
  post('no outstanding', unit0((unit) => delete unit.outstanding), /^units\[0\]\.outstanding: /m),
  post('a negative expected', unit0((unit) => (unit.outstanding.expected = -5)), /^units\[0\]\.outstanding\.expected: expected a whole number >= 0/m),
  postRaw('a low of 1e400', rawRelease('"outstanding":{', '"low":1e400,'), /^units\[0\]\.outstanding\.low: expected a whole number >= 0/m),
  post('low above expected', unit0((unit) => (unit.outstanding.low = 10_000)), /^units\[0\]\.outstanding\.low: expected low <= expected/m),
  post('high below expected', unit0((unit) => (unit.outstanding.high = 1)), /^units\[0\]\.outstanding\.high: expected high >= expected/m),
  post('a lean that does not sum to 1', unit0((unit) => (unit.outstanding.lean = { ada: 0.5, grace: 0.6 })), /^units\[0\]\.outstanding\.lean: expected shares summing to 1/m),
  post('a lean share above 1', unit0((unit) => (unit.outstanding.lean = { ada: 1.5, grace: -0.5 })), /^units\[0\]\.outstanding\.lean\.ada: expected a share in \[0, 1\]/m),
  post('a lean for an unknown candidate', unit0((unit) => (unit.outstanding.lean = { ada: 0.5, grace: 0.25, dan: 0.25 })), /^units\[0\]\.outstanding\.lean\.dan: unknown candidate "dan"/m),

  // Unit ids and ballot types.
  post('a unit id with a slash', unit0((unit) => (unit.id = 'north/1')), /^units\[0\]\.id: expected an id: .*got "\/"/m),
  post('a unit id "__proto__"', unit0((unit) => (unit.id = '__proto__')), /^units\[0\]\.id: .*got the reserved id "__proto__"/m),
  post('an empty unit id', unit0((unit) => (unit.id = '')), /^units\[0\]\.id: .*got an empty string/m),
  post('a unit id of 129 characters', unit0((unit) => (unit.id = 'u'.repeat(129))), /^units\[0\]\.id: .*got 129 characters/m),
  post('a unit id that is a number', unit0((unit) => (unit.id = 7)), /^units\[0\]\.id: expected an id as a string/m),
  post('a unit id holding NUL', unit0((unit) => (unit.id = 'north\u0000')), /^units\[0\]\.id: .*got "\\u0000"/m),
  post('two units with one id', spoiled(next(), (release) => (release.units[1].id = 'north')), /^units\[1\]\.id: duplicate unit id "north"/m),
  post('a unit left out', spoiled(next(), (release) => release.units.pop()), /^units: missing unit "south"/m),
  post('no ballot types in types', unit0((unit) => (unit.types = {})), /^units\[0\]\.types: expected at least 1 ballot type/m),
  post('a ballot type name that is not an id', unit0((unit) => (unit.types = { 'election day': { counted: unit.counted, outstanding: unit.outstanding } })), /^units\[0\]\.types\["election day"\]: expected a ballot type name as an id/m),
  post('ballot types that do not add up', unit0((unit) => (unit.types = { mail: { counted: { ada: 1, grace: 1 }, outstanding: unit.outstanding } })), /^units\[0\]\.types: ballot types add up to 1 votes for "ada"/m),

  // Order and identity against what is stored.
  post('a changed copy of stored release 0', () => spoiled(sampleRelease(TIMES[0], 1), (release) => (release.units[0].counted.ada += 1)), /already stored \(release 0\); releases are immutable/, 409),
  post('a changed copy of the newest release', () => spoiled(sampleRelease(TIMES[1], 2), (release) => (release.units[0].counted.ada += 1)), /already stored \(release 1\); releases are immutable/, 409),
  post('a release between the stored ones', () => sampleRelease('2026-11-03T20:30:00-08:00', 2), /^asOf: expected a time after the previous release/m, 409),
  post('the newest asOf in another time zone, changed', () => sampleRelease('2026-11-04T05:00:00Z', 3), /^asOf: expected a time after the previous release/m, 409),

  // Size.
  post('a valid release above 350,000 bytes of JSON', () => manyUnits(4000), /the release is \d+ bytes as compact JSON; the limit is 350000 bytes/, 413),
  postRaw('a body above 1 MiB', `{"asOf":"${'x'.repeat(1_100_000)}"}`, /request body is \d+ bytes; the limit is 1048576/, 413),

  // Who and where.
  { name: 'no authorization', method: 'POST', path: releases, body: next(), token: null, status: 403, says: /missing authorization/ },
  { name: 'a wrong token', method: 'POST', path: releases, body: next(), token: 'not-the-token', status: 403, says: /missing authorization/ },
  { name: 'an unknown race', method: 'POST', path: '/races/bad-requests-nowhere/releases', body: next(), status: 404, says: /unknown race "bad-requests-nowhere"/ },
  { name: 'a path id "__proto__"', method: 'POST', path: '/races/__proto__/releases', body: next(), status: 400, says: /^raceId: .*got the reserved id "__proto__"/m },
  { name: 'a path id "constructor"', method: 'POST', path: '/races/constructor/releases', body: next(), status: 400, says: /^raceId: .*got the reserved id "constructor"/m },
  { name: 'a path id ".." (URL parsing resolves it first)', method: 'POST', path: '/races/../releases', body: next(), status: 404, says: /no such route/ },
  { name: 'a path id "..."', method: 'POST', path: '/races/.../releases', body: next(), status: 400, says: /^raceId: .*got a leading "\."/m },
  { name: 'a path id with ".." inside', method: 'POST', path: '/races/a..b/releases', body: next(), status: 400, says: /^raceId: .*got "\.\."/m },
  { name: 'a path id of 129 characters', method: 'POST', path: `/races/${'r'.repeat(129)}/releases`, body: next(), status: 400, says: /^raceId: .*got 129 characters/m },
  { name: 'a path id with an encoded slash', method: 'POST', path: '/races/a%2Fb/releases', body: next(), status: 400, says: /^raceId: .*got "\/"/m },
  { name: 'a path id with an encoded space', method: 'POST', path: '/races/a%20b/releases', body: next(), status: 400, says: /^raceId: .*got " "/m },
  { name: 'a path id with an encoded NUL', method: 'POST', path: '/races/a%00b/releases', body: next(), status: 400, says: /^raceId: .*got "\\u0000"/m },
  { name: 'a path id with a double-encoded slash', method: 'POST', path: '/races/a%252Fb/releases', body: next(), status: 400, says: /^raceId: .*got "%"/m },
  { name: 'a malformed escape %ZZ in a race path', method: 'POST', path: '/races/a%ZZ/releases', body: next(), status: 400, says: /malformed percent-encoding in the path/ },
  { name: 'a truncated escape in a race path', method: 'POST', path: '/races/a%/releases', body: next(), status: 400, says: /malformed percent-encoding in the path/ },
  { name: 'an escape of invalid UTF-8 in a race path', method: 'PUT', path: '/races/CA%E0%A4%A', body: race(), status: 400, says: /malformed percent-encoding in the path/ },
  { name: 'a lone "%" under /public', method: 'GET', path: '/public/%', status: 400, says: /malformed percent-encoding in the path/ },
  { name: '"%ZZ" under /public', method: 'GET', path: '/public/races/%ZZ/latest.json', status: 400, says: /malformed percent-encoding in the path/ },
  { name: 'an encoded NUL under /public', method: 'GET', path: '/public/%00', status: 404, says: /no such object/ },
  { name: 'an encoded NUL inside a public key', method: 'GET', path: `/public/races/${RACE}/latest.json%00`, status: 404, says: /no such object/ },
  { name: 'a public key that climbs out with encoded dots (URL parsing resolves them first)', method: 'GET', path: '/public/races/%2e%2e/%2e%2e/x', status: 404, says: /no such route/ },
  { name: 'a public key that climbs out with an encoded slash', method: 'GET', path: '/public/races/..%2F..%2Fx', status: 404, says: /no such object/ },
  { name: 'an encoded ESC in a public key', method: 'GET', path: '/public/races/%1B/latest.json', status: 404, says: /no such object/ },
  // The public route serves objects by exact key, and never lists the bucket (the base race has published objects).
  { name: 'the public root /public/', method: 'GET', path: '/public/', status: 404, says: /no such object/ },
  { name: 'the public root without its slash', method: 'GET', path: '/public', status: 404, says: /no such object/ },
  { name: 'the public root with a doubled slash', method: 'GET', path: '/public//', status: 404, says: /no such object/ },
  { name: 'the public folder races/', method: 'GET', path: '/public/races/', status: 404, says: /no such object/ },
  { name: 'a public folder without its slash', method: 'GET', path: '/public/races', status: 404, says: /no such object/ },
  { name: "the base race's public folder", method: 'GET', path: `/public/races/${RACE}/`, status: 404, says: /no such object/ },
  { name: "the base race's runs folder", method: 'GET', path: `/public/races/${RACE}/runs/`, status: 404, says: /no such object/ },
  { name: 'a published key with a trailing slash', method: 'GET', path: `/public/races/${RACE}/latest.json/`, status: 404, says: /no such object/ },
  { name: 'a published key with a doubled slash', method: 'GET', path: `/public/races//${RACE}/latest.json`, status: 404, says: /no such object/ },
  { name: 'a published key with an encoded slash for its own', method: 'GET', path: `/public/races%2F${RACE}%2Flatest.json`, status: 404, says: /no such object/ },
  { name: 'a public key with a literal ".." (URL parsing resolves it first)', method: 'GET', path: '/public/../../etc/passwd', status: 404, says: /no such route/ },
  { name: 'a public key with double-encoded dots', method: 'GET', path: '/public/races/%252e%252e/index.json', status: 404, says: /no such object/ },
  { name: 'a public key with an encoded backslash', method: 'GET', path: '/public/races%5C..%5Cindex.json', status: 404, says: /no such object/ },
  { name: 'a bucket listing asked for in the query', method: 'GET', path: '/public/?list-type=2&prefix=races/', status: 404, says: /no such object/ },
  { name: 'an unknown method', method: 'DELETE', path: `/races/${RACE}`, status: 404, says: /no such route/ },
  { name: 'GET on a race', method: 'GET', path: `/races/${RACE}`, status: 404, says: /no such route/ },

  // PUT /races/{raceId}.
  putRace('duplicate candidate ids', spoiled(race('bad-requests-new'), (body) => body.candidates.push({ id: 'ada', name: 'Ada again' })), /^candidates\[2\]\.id: duplicate candidate id "ada"/m),
  putRace('a race name of 500 KB', spoiled(race('bad-requests-new'), (body) => (body.name = 'n'.repeat(500_000))), /^name: expected a name of 1 to 200 characters.*got 500000 characters/m),
  putRace('a race name of 201 characters', spoiled(race('bad-requests-new'), (body) => (body.name = 'n'.repeat(201))), /^name: .*got 201 characters/m),
  putRace('an empty race name', spoiled(race('bad-requests-new'), (body) => (body.name = '')), /^name: .*got an empty string/m),
  putRace('a race name holding NUL', spoiled(race('bad-requests-new'), (body) => (body.name = 'Mayor\u0000')), /^name: .*U\+0000/m),
  putRace('a race name holding ESC', spoiled(race('bad-requests-new'), (body) => (body.name = '\u001b]0;pwned\u0007Mayor')), /^name: .*U\+001B/m),
  putRace('a candidate name holding a C1 control', spoiled(race('bad-requests-new'), (body) => (body.candidates[0].name = 'Ada\u009b')), /^candidates\[0\]\.name: .*U\+009B/m),
  putRace('a race name holding an unpaired surrogate', spoiled(race('bad-requests-new'), (body) => (body.name = 'Mayor \udc00')), /^name: .*unpaired surrogate U\+DC00/m),
  putRace('a candidate name of 201 characters', spoiled(race('bad-requests-new'), (body) => (body.candidates[1].name = 'g'.repeat(201))), /^candidates\[1\]\.name: .*got 201 characters/m),
  putRace('a party holding a tab', spoiled(race('bad-requests-new'), (body) => (body.candidates[0].party = 'Analytical\tEngine')), /^candidates\[0\]\.party: .*U\+0009/m),
  putRace('a party of 201 characters', spoiled(race('bad-requests-new'), (body) => (body.candidates[0].party = 'p'.repeat(201))), /^candidates\[0\]\.party: .*got 201 characters/m),
  putRace('one candidate', spoiled(race('bad-requests-new'), (body) => body.candidates.pop()), /^candidates: expected at least 2 candidates/m),
  putRace('candidates as an object', spoiled(race('bad-requests-new'), (body) => (body.candidates = { ada: 'Ada' })), /^candidates: /m),
  putRace('an unknown rule', spoiled(race('bad-requests-new'), (body) => (body.rule = { kind: 'ranked-choice' })), /^rule\.kind: expected kind to be one of/m),
  putRace('a majority threshold of 1.5', spoiled(race('bad-requests-new'), (body) => (body.rule = { kind: 'majority', threshold: 1.5 })), /^rule\.threshold: expected a number in \[0\.5, 1\)/m),
  putRace('no rule', spoiled(race('bad-requests-new'), (body) => delete body.rule), /^rule: /m),
  putRace('an id that is not the path', race('bad-requests-other'), /^id: must match the path \(bad-requests-new\)/m),
  putRace('a candidate id with a space', spoiled(race('bad-requests-new'), (body) => (body.candidates[0].id = 'ada l')), /^candidates\[0\]\.id: .*got " "/m),
  putRace('a candidate id "__proto__"', spoiled(race('bad-requests-new'), (body) => (body.candidates[0].id = '__proto__')), /^candidates\[0\]\.id: .*got the reserved id "__proto__"/m),
  putRace('an unknown race field', spoiled(race('bad-requests-new'), (body) => (body.state = 'CA')), /Unrecognized key: "state"/),
  putRace('"__proto__" in the race', JSON.parse(`{"__proto__":{},${JSON.stringify(race('bad-requests-new')).slice(1)}`), /^__proto__: "__proto__" is not allowed/m),
  putRace('"__proto__" in a candidate', spoiled(race('bad-requests-new'), (body) => (body.candidates[0] = JSON.parse('{"__proto__":{"id":"x"},"id":"ada","name":"Ada"}'))), /^candidates\[0\]\.__proto__: /m),
  putRace('a valid race above 100,000 bytes of JSON', spoiled(race('bad-requests-new'), (body) => (body.candidates = Array.from({ length: 600 }, (_, index) => ({ id: `c${index}`, name: 'n'.repeat(200) })))), /the race is \d+ bytes as compact JSON; the limit is 100000 bytes/, 413),
  { name: 'a race as invalid JSON', method: 'PUT', path: '/races/bad-requests-new', body: '{"id":', raw: true, status: 400, says: /not valid JSON/ },
  { name: 'a race with an empty body', method: 'PUT', path: '/races/bad-requests-new', body: '', raw: true, status: 400, says: /request body is empty/ },
  putRace('new candidates once releases exist', spoiled(race(), (body) => body.candidates.push({ id: 'alan', name: 'Alan Turing' })), /candidates cannot be added, removed or reordered once the race has 2 releases/, 409, RACE),
  putRace('a new rule once releases exist', spoiled(race(), (body) => (body.rule = { kind: 'top-two' })), /the rule cannot change once the race has 2 releases/, 409, RACE),
  putRace('a rename of the stored race holding NUL', spoiled(race(), (body) => (body.name = 'Renamed\u0000')), /^name: .*U\+0000/m, 400, RACE),

  // POST /races/{raceId}/runs and GET /races/{raceId}/runs/{runId}.
  runs('draws of 0', { draws: 0 }, /^draws: /m),
  runs('draws of a billion', { draws: 1e9 }, /^draws: /m),
  runs('draws in words', { draws: 'many' }, /^draws: /m),
  runs('fractional draws', { draws: 10.5 }, /^draws: /m),
  runs('an empty seed', { seed: '' }, /^seed: /m),
  runs('a seed of 101 characters', { seed: 's'.repeat(101) }, /^seed: /m),
  runs('a seed holding NUL', { seed: 'seed\u0000' }, /^seed: .*U\+0000/m),
  runs('a seed holding an unpaired surrogate', { seed: 'seed\ud800' }, /^seed: .*unpaired surrogate U\+D800/m),
  runs('a seed that is a number', { seed: 7 }, /^seed: /m),
  runs('a negative releaseIndex', { releaseIndex: -1 }, /^releaseIndex: /m),
  runs('a releaseIndex past the newest', { releaseIndex: 2 }, /^releaseIndex: the race has releases 0 to 1/m),
  runs('a fractional releaseIndex', { releaseIndex: 0.5 }, /^releaseIndex: /m),
  runs('an unknown run field', { drawz: 100 }, /Unrecognized key: "drawz"/),
  runs('"__proto__" in a run request', JSON.parse('{"__proto__":{"draws":1}}'), /^__proto__: "__proto__" is not allowed/m),
  { name: 'a run request as invalid JSON', method: 'POST', path: `/races/${RACE}/runs`, body: '{draws: 5}', raw: true, status: 400, says: /not valid JSON/ },
  { name: 'a run request as an array', method: 'POST', path: `/races/${RACE}/runs`, body: [], status: 400, says: /^\(root\): /m },
  { name: 'a run of an unknown race', method: 'POST', path: '/races/bad-requests-nowhere/runs', body: {}, status: 404, says: /unknown race "bad-requests-nowhere"/ },
  { name: 'a run id with an underscore', method: 'GET', path: `/races/${RACE}/runs/run_1`, status: 400, says: /^runId: expected a run id/m },
  { name: 'a run id of 81 characters', method: 'GET', path: `/races/${RACE}/runs/${'r'.repeat(81)}`, status: 400, says: /^runId: expected a run id/m },
  { name: 'a run id with an encoded slash', method: 'GET', path: `/races/${RACE}/runs/a%2Fb`, status: 400, says: /^runId: expected a run id/m },
  { name: 'an unknown run', method: 'GET', path: `/races/${RACE}/runs/no-such-run`, status: 404, says: /no-such-run/ },
];
