import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readRecording } from '../../../cli/read-recording.ts';
import { laMayorApRecording } from '../../../scripts/recordings/la-mayor-ap.ts';
import { exampleCountFile } from '../../fixtures/count-files.ts';
import { sharedDataDir } from '../../fixtures/shared-data.ts';

const DIR = 'examples/recordings/la-mayor-2022-ap';
const REPO_ROOT = new URL('../../../', import.meta.url);
const general = exampleCountFile('la-mayor-2022-general');

describe('the LA 2022 recording of examples/recordings', () => {
  it('is what npm run examples:recording writes from the example and the archive fetch times', () => {
    const updates = readFileSync(new URL('general_2022_mayor_updates.csv', sharedDataDir('la-2022')), 'utf8');
    const built = laMayorApRecording(general, updates);
    const committed = readdirSync(new URL(DIR, REPO_ROOT)).filter((name) => name.endsWith('.json')).sort();

    expect(committed).toEqual(built.map((file) => file.name));
    for (const { name, snapshot } of built) {
      expect(readFileSync(new URL(`${DIR}/${name}`, REPO_ROOT), 'utf8'), name).toBe(`${JSON.stringify(snapshot, null, 2)}\n`);
    }
  });

  it("imports as the registrar released it: 27 releases, the same votes at the same instants, AP's call from Nov 17", async () => {
    const recording = await readRecording(new URL(DIR, REPO_ROOT).pathname);

    expect(recording.format).toBe('ap');
    expect(recording.notes).toEqual([]);
    const [file] = recording.countFiles;
    expect(recording.countFiles).toHaveLength(1);
    expect(file.race).toMatchObject({ id: '20221108CAla-mayor', name: 'Mayor, Los Angeles (General)' });
    expect(file.releases).toHaveLength(general.releases.length);
    file.releases.forEach((release, index) => {
      const registrar = general.releases[index];
      expect(Date.parse(release.asOf)).toBe(Date.parse(registrar.asOf));
      expect(release.units.map((unit) => [unit.id, unit.counted])).toEqual(registrar.units.map((unit) => [unit.id, unit.counted]));
    });
    const calls = file.releases.map((release) => release.call);
    expect(calls.slice(0, 20).every((call) => call === undefined)).toBe(true);
    expect(calls.slice(20)).toEqual(Array(7).fill({ candidate: 'bass', by: 'AP', at: '2022-11-17T23:52:22Z' }));
    expect(file.releases.at(-1)?.units[0].outstanding.expected).toBe(0);
  });
});
