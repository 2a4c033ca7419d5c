import { afterAll, describe, expect, it } from 'vitest';
import { NightSummarySchema, type CountFile } from '../../core/schemas/index.ts';
import { cli, hasStackTrace, temporaryDirectory } from './cli-harness.ts';
import { closeNight, nightRace, TEST_NIGHT } from '../fixtures/night-races.ts';

const RUN = ['--seed', 'night', '--draws', '2000'];
const folders: ReturnType<typeof temporaryDirectory>[] = [];
afterAll(() => folders.forEach((folder) => folder.remove()));

/** A folder holding the count files, each as RACE-ID.json, plus any extra files by name. */
function folderOf(files: readonly CountFile[], extra: Record<string, unknown> = {}): string {
  const folder = temporaryDirectory('ballotcast-night-');
  folders.push(folder);
  for (const file of files) folder.write(`${file.race.id}.json`, file);
  for (const [name, content] of Object.entries(extra)) folder.write(name, content);
  return folder.path;
}

describe('ballotcast night: calls in the count files', () => {
  it("counts a called race as decided and says so, with the model's own chance beside the call", async () => {
    const files = closeNight().map((file) =>
      file.race.id === 'south' ? { ...file, desk: { calls: [{ candidate: 'd', by: 'Decision desk', at: '2024-11-05T23:00:00-08:00' }] } } : file,
    );
    const night = folderOf(files);
    const json = await cli(['night', night, ...RUN]);
    const table = await cli(['night', night, ...RUN], { tty: true });
    const south = NightSummarySchema.parse(JSON.parse(json.stdout)).races.find((race) => race.raceId === 'south')!;

    expect(south.candidates.map((candidate) => candidate.seatProbability)).toEqual([1, 0]);
    expect(south.candidates[0].modelSeatProbability).toBeLessThan(0.5);
    expect(table.stdout).toMatch(/^1 race is called and counted as decided; draws that contradict a call weigh 0\.01 per call, leaving [\d,]+ effective draws$/m);
    expect(table.stdout).toMatch(/^Race south .* called for south Democrat by Decision desk \(model \d+\.\d%\)$/m);
  });
});

describe('ballotcast night: output', () => {
  const night = folderOf(closeNight(), { 'corpus.json': { source: 'the backtest labels, not a count file' } });

  it('prints the night summary JSON through a pipe, the same on 1 and 2 threads', async () => {
    const result = await cli(['night', night, ...RUN, '--threads', '1']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const summary = NightSummarySchema.parse(JSON.parse(result.stdout));
    expect(summary).toMatchObject({ electionId: 'test-night', electionName: 'Test night', seed: 'night', draws: 2000 });
    expect(summary.races.map((race) => race.raceId)).toEqual(['east', 'north', 'south', 'west']);
    expect(summary.parties.map((party) => party.id)).toEqual(['dem', 'rep']);
    expect(summary.noParty).toBeDefined();
    expect((await cli(['night', night, ...RUN, '--threads', '2'])).stdout).toBe(result.stdout);
  });

  it('prints tables on a terminal: parties, seats at least N, correlation and each race', async () => {
    const result = await cli(['night', night, ...RUN], { tty: true });
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('Test night (election test-night): 4 races');
    expect(lines[1]).toMatch(/^2,000 draws, seed night, model \S+; Monte Carlo error ±\d+\.\d pts$/);
    expect(result.stdout).toMatch(/^Party\s+Expected seats\s+Most likely$/m);
    expect(result.stdout).toMatch(/^Democratic\s+\d\.\d\d\s+\d \(\d+\.\d%\)/m);
    expect(result.stdout).toMatch(/^No party\s+0\.00\s+0 \(100\.0%\)$/m);
    expect(result.stdout).toMatch(/^Seats at least\s+Democratic\s+Republican$/m);
    expect(result.stdout).toMatch(/^\s+2\s+\d+\.\d%\s+\d+\.\d%$/m);
    expect(result.stdout).toMatch(/^ {2}Democratic: seat-count variance \d\.\d\d× independent races'; mean correlation between races -?\d\.\d\d$/m);
    expect(result.stdout).toMatch(/^Race north\s+2024-11-05T22:00:00-08:00\s+49%\s+north (Democrat|Republican) \((dem|rep)\) \d+\.\d%, north/m);
  });

  it('takes each race\'s release as of a time, and names the file of a race with none yet', async () => {
    const later = closeNight().map((file) => {
      const copy = structuredClone(file);
      copy.releases.push({ ...copy.releases[0], asOf: '2024-11-06T22:00:00-08:00' });
      return copy;
    });
    const folder = folderOf(later);
    const first = NightSummarySchema.parse(JSON.parse((await cli(['night', folder, ...RUN, '--as-of', '2024-11-06T00:00:00-08:00'])).stdout));
    expect(first.races.map((race) => race.releaseIndex)).toEqual([0, 0, 0, 0]);
    const early = await cli(['night', folder, ...RUN, '--as-of', '2024-11-01T00:00:00Z']);
    expect(early.code).toBe(2);
    expect(early.stderr).toMatch(/^ballotcast: \S+east\.json: --as-of 2024-11-01T00:00:00Z: before the first release/);
  });
});

describe('ballotcast night: refusals', () => {
  it.each([
    ['races of two elections', [...closeNight().slice(0, 2), nightRace('other', { counted: [1, 2], outstanding: 3 }, { ...TEST_NIGHT, id: 'other-night' })], /the races are of 2 elections; a night is the races of one\n {2}election "test-night": \S+north\.json, \S+south\.json\n {2}election "other-night": \S+other\.json/],
    ['one election under one id with two names', [...closeNight().slice(0, 1), nightRace('other', { counted: [1, 2], outstanding: 3 }, { ...TEST_NIGHT, name: 'Renamed' })], /the races are of 2 elections/],
    ['a race of no election', [...closeNight().slice(0, 1), nightRace('lone', { counted: [1, 2], outstanding: 3 }, null)], /1 of 2 races name no election \(race\.election\)\n {2}\S+lone\.json: no race\.election/],
  ])('refuses %s with exit 2', async (_, files, message) => {
    const result = await cli(['night', folderOf(files), ...RUN]);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(message);
    expect(hasStackTrace(result.stderr)).toBe(false);
  });

  it('refuses a race given twice, an empty folder, a missing one and an invalid file', async () => {
    const twice = folderOf(closeNight().slice(0, 1), { 'copy.json': closeNight()[0] });
    expect((await cli(['night', twice, ...RUN])).stderr).toMatch(/are both race "north"; a night counts each race once/);
    expect((await cli(['night', folderOf([]), ...RUN])).stderr).toMatch(/no count files \(\*\.json\) in the folder/);
    expect((await cli(['night', '/nonexistent/night', ...RUN])).stderr).toMatch(/cannot read the folder: ENOENT/);
    const invalid = await cli(['night', folderOf(closeNight().slice(0, 1), { 'bad.json': { schemaVersion: 1 } }), ...RUN]);
    expect(invalid).toMatchObject({ code: 2 });
    expect(invalid.stderr).toMatch(/bad\.json: not a valid count file/);
    expect((await cli(['night', ...RUN])).stderr).toMatch(/night takes exactly one folder of count files/);
  });
});
