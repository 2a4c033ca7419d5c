import { describe, expect, it } from 'vitest';
import { countFileJsonSchema, parseCountFile, type CountFile } from '../../../core/schemas/index.ts';
import { countFileErrors, twoUnitRace } from '../../fixtures/count-files.ts';

const ELECTION = {
  id: 'test-night',
  name: 'Test night',
  parties: [
    { id: 'dem', name: 'Democratic' },
    { id: 'rep', name: 'Republican' },
  ],
};

/** The two-unit race in the test night, with Ann a Democrat, Bob a Republican and Cy of no party. */
function electionRace(election: object = ELECTION): CountFile {
  const file = twoUnitRace();
  file.race.candidates[0].party = 'dem';
  file.race.candidates[1].party = 'rep';
  return { ...file, race: { ...file.race, election } } as CountFile;
}

describe('a race of an election', () => {
  it('accepts an election with parties, and one without', () => {
    expect(parseCountFile(electionRace())).toEqual({ ok: true, value: electionRace() });
    expect(parseCountFile(electionRace({ id: 'test-night', name: 'Test night' })).ok).toBe(true);
  });

  it('keeps a count file without an election valid, as before', () => {
    expect(parseCountFile(twoUnitRace()).ok).toBe(true);
  });

  it('names a candidate whose party the election does not list', () => {
    const file = electionRace();
    file.race.candidates[2].party = 'dme';
    expect(countFileErrors(file)).toEqual([
      `race.candidates[2].party: party "dme" is not one of the election's parties (dem, rep); leave party out for a candidate of no party`,
    ]);
  });

  it('accepts any party text when the election lists no parties', () => {
    const file = electionRace({ id: 'test-night', name: 'Test night' });
    file.race.candidates[2].party = 'Peace and Freedom';
    expect(parseCountFile(file).ok).toBe(true);
  });

  it('is strict, and names a duplicate party, a bad id and an empty list', () => {
    expect(countFileErrors(electionRace({ ...ELECTION, colour: 'blue' }))).toEqual(['race.election: Unrecognized key: "colour"']);
    const twice = { ...ELECTION, parties: [...ELECTION.parties, { id: 'dem', name: 'Democrats again' }] };
    expect(countFileErrors(electionRace(twice))).toEqual(['race.election.parties[2].id: duplicate party id "dem"; each party needs its own id']);
    expect(countFileErrors(electionRace({ ...ELECTION, id: 'a/b' }))[0]).toMatch(/^race\.election\.id: expected an id/);
    expect(countFileErrors(electionRace({ ...ELECTION, parties: [] }))).toEqual(['race.election.parties: expected at least 1 party, or no parties key']);
  });

  it('is in the published JSON Schema', () => {
    const schema = countFileJsonSchema() as { $defs: Record<string, { properties: Record<string, unknown> }> };
    expect(Object.keys(schema.$defs.Election.properties)).toEqual(['id', 'name', 'parties']);
    expect(schema.$defs.Race.properties).toHaveProperty('election');
  });
});
