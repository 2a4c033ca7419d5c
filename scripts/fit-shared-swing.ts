/**
 * Fits sharedSwingShare (docs/model.md, "Races of one election"): how correlated are the errors of the
 * Democrat-versus-Republican margins of races forecast at the same moment of a real night, and which swing
 * makes the model's draws just as correlated? For each swing size, every release but the last of every
 * file is forecast (the races of a moment with one seed, so that they share the swing), and the pooled
 * intraclass correlation of standardized errors (scripts/shared-swing/error-correlation.ts) is computed
 * for the truth (observed) and for the draws (the model's).
 *
 * Usage: npx tsx scripts/fit-shared-swing.ts DIR... [--swing 0,0.05,0.1] [--draws 1000] [--seed fit]
 *          [--bootstrap 1000]
 * A moment is an hour after the first release for the first 24 hours, then a day (the corpus's thinning).
 */
import { parseArgs } from 'node:util';
import { findCountFiles } from '../backtest/corpus/find-count-files.ts';
import { loadCountFiles, type LoadedCountFile } from '../backtest/corpus/load-count-files.ts';
import { ModelParametersSchema } from '../core/model/parameters.ts';
import { streamForBlock } from '../core/random/stream-for-block.ts';
import type { CountFile } from '../core/schemas/index.ts';
import { addRaceErrors, correlationTerms, emptyMoment, pooledCorrelation, type MomentSums } from './shared-swing/error-correlation.ts';
import { raceErrors } from './shared-swing/race-errors.ts';

const HOUR = 3_600_000;

interface Options {
  readonly swings: readonly number[];
  readonly draws: number;
  readonly seed: string;
  readonly bootstrap: number;
}

/** The moments of one swing size: per moment, the observed errors' sums and the drawn errors' sums. */
interface MomentTable {
  readonly observed: Map<string, MomentSums>;
  readonly drawn: Map<string, MomentSums>;
}

/** The file with an election of its source, if it names none: the races of a corpus folder are one night. */
function inElection(file: LoadedCountFile): CountFile {
  const { countFile } = file;
  if (countFile.race.election !== undefined) return countFile;
  return { ...countFile, race: { ...countFile.race, election: { id: file.label.source, name: file.label.source } } };
}

/** 'h05' for 5 to 6 hours after `start`, for the first day; then 'd03' for the fourth day. */
function momentOf(asOf: string, start: number): string {
  const hours = (Date.parse(asOf) - start) / HOUR;
  return hours < 24 ? `h${String(Math.floor(hours)).padStart(2, '0')}` : `d${String(Math.floor(hours / 24)).padStart(2, '0')}`;
}

/** Every release but the last of each file, the last of each moment, as [moment, release index]. */
function releasesByMoment(countFile: CountFile, start: number): Map<string, number> {
  const kept = new Map<string, number>();
  countFile.releases.slice(0, -1).forEach((release, index) => kept.set(momentOf(release.asOf, start), index));
  return kept;
}

function momentTable(files: readonly LoadedCountFile[], swing: number, options: Options): MomentTable {
  const parameters = ModelParametersSchema.parse({ sharedSwingShare: swing });
  const starts = new Map<string, number>();
  for (const file of files) {
    const first = Date.parse(file.countFile.releases[0].asOf);
    starts.set(file.label.source, Math.min(starts.get(file.label.source) ?? first, first));
  }
  const table: MomentTable = { observed: new Map(), drawn: new Map() };
  for (const file of files) {
    const countFile = inElection(file);
    for (const [moment, releaseIndex] of releasesByMoment(countFile, starts.get(file.label.source)!)) {
      const key = `${file.label.source}/${moment}`;
      // One seed per moment: the races of a moment share the election's swing in each draw.
      const errors = raceErrors({ countFile, releaseIndex, seed: `${options.seed}/${key}`, draws: options.draws, parameters });
      if (errors === undefined) continue;
      if (!table.observed.has(key)) table.observed.set(key, emptyMoment(1));
      if (!table.drawn.has(key)) table.drawn.set(key, emptyMoment(options.draws));
      addRaceErrors(table.observed.get(key)!, Float64Array.of(errors.observed));
      addRaceErrors(table.drawn.get(key)!, errors.drawn);
    }
  }
  return table;
}

/** A 90% interval of the observed ρ, resampling whole moments with replacement (seeded, reproducible). */
function bootstrapInterval(moments: readonly MomentSums[], resamples: number): [number, number] {
  const stream = streamForBlock('fit-shared-swing', 'bootstrap', 0);
  const values = Array.from({ length: resamples }, () =>
    pooledCorrelation(Array.from(moments, () => moments[Math.floor(stream.nextUniform() * moments.length)])),
  ).sort((a, b) => a - b);
  return [values[Math.floor(0.05 * resamples)], values[Math.floor(0.95 * resamples)]];
}

/** The swing at which the model's ρ meets the observed ρ, by linear interpolation between grid points. */
function crossing(rows: readonly { swing: number; observed: number; drawn: number }[]): number | undefined {
  for (let index = 1; index < rows.length; index++) {
    const [a, b] = [rows[index - 1], rows[index]];
    const [gapA, gapB] = [a.drawn - a.observed, b.drawn - b.observed];
    if (gapA <= 0 && gapB >= 0) return a.swing + ((b.swing - a.swing) * -gapA) / (gapB - gapA || 1);
  }
  return undefined;
}

function report(files: readonly LoadedCountFile[], options: Options, phase: { name: string; keep: (key: string) => boolean }[]): void {
  const rows: { swing: number; cells: { observed: number; drawn: number; terms: ReturnType<typeof correlationTerms>; moments: MomentSums[] }[] }[] = [];
  for (const swing of options.swings) {
    const table = momentTable(files, swing, options);
    const cells = phase.map(({ keep }) => {
      const observed = [...table.observed].filter(([key]) => keep(key)).map(([, sums]) => sums);
      const drawn = [...table.drawn].filter(([key]) => keep(key)).map(([, sums]) => sums);
      return { observed: pooledCorrelation(observed), drawn: pooledCorrelation(drawn), terms: correlationTerms(observed), moments: observed };
    });
    rows.push({ swing, cells });
    const text = cells.map((cell, index) => `${phase[index].name}: observed ${cell.observed.toFixed(3)} model ${cell.drawn.toFixed(3)} (${cell.terms.pairs} pairs)`);
    console.log(`sharedSwingShare ${swing}: ${text.join('; ')}`);
  }
  phase.forEach(({ name }, index) => {
    const interval = bootstrapInterval(rows[0].cells[index].moments.filter((moment) => moment.races >= 2), options.bootstrap);
    const fitted = crossing(rows.map((row) => ({ swing: row.swing, observed: row.cells[index].observed, drawn: row.cells[index].drawn })));
    console.log(
      `${name}: observed ρ at swing ${rows[0].swing} ${rows[0].cells[index].observed.toFixed(3)} (90% bootstrap over moments ${interval.map((value) => value.toFixed(3)).join(' to ')}); ` +
        `model meets observed at sharedSwingShare ${fitted === undefined ? 'outside the grid' : fitted.toFixed(3)}`,
    );
  });
}

function main(): void {
  const { values, positionals } = parseArgs({
    options: { swing: { type: 'string' }, draws: { type: 'string' }, seed: { type: 'string' }, bootstrap: { type: 'string' } },
    allowPositionals: true,
  });
  const options: Options = {
    swings: (values.swing ?? '0,0.25,0.5,0.75,1').split(',').map(Number),
    draws: Number(values.draws ?? 1000),
    seed: values.seed ?? 'fit',
    bootstrap: Number(values.bootstrap ?? 1000),
  };
  const { loaded, rejected } = loadCountFiles(findCountFiles(positionals, process.cwd()));
  if (rejected.length > 0) throw new Error(`invalid count files: ${rejected.map((file) => file.path).join(', ')}`);
  console.log(`${loaded.length} files, ${options.draws} draws per forecast, seed ${options.seed}`);
  report(loaded, options, [
    { name: 'all moments', keep: () => true },
    { name: 'first 24 hours', keep: (key) => key.split('/').at(-1)!.startsWith('h') },
    { name: 'later days', keep: (key) => key.split('/').at(-1)!.startsWith('d') },
  ]);
}

main();
