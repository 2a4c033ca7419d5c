/**
 * Builds the Georgia January 2021 runoff corpus from ../shared/data/ga-2021-runoff: `npm run corpus:ga` (or
 * `npx tsx scripts/corpus/ga-2021-runoff.ts --data DIR`). Writes corpus/ga-2021-runoff/<race>.json (county
 * units) and corpus/ga-2021-runoff-by-type/<race>.json (county units split by vote type) for the two Senate runoffs
 * and PSC District 4, after checking every file with `parseCountFile`; an invalid one stops the build, writing
 * nothing. Then prints how the derived outstanding estimates compare with what was actually still to count.
 * corpus/ga-2021-runoff/README.md documents every step and assumption.
 */
import { formatCompactCountFile } from '../examples/build.ts';
import { runExampleBuilder } from '../examples/run-builder.ts';
import { accuracyReport } from './ga-2021/accuracy.ts';
import { buildGaCorpus, GA_SOURCE_FILES, type GaSourceTexts } from './ga-2021/build.ts';

process.exitCode = await runExampleBuilder<GaSourceTexts>(GA_SOURCE_FILES, buildGaCorpus, {
  dataSet: 'ga-2021-runoff',
  report: accuracyReport,
  format: formatCompactCountFile,
});
