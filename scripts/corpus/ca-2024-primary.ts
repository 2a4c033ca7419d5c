/**
 * Builds the California March 2024 primary corpus from the raw CSVs:
 * `npm run corpus:ca [-- --data DIR]` (DIR defaults to ../shared/data from the repo root; it must hold
 * ca-2024-primary/ and la-2022/). Writes corpus/ca-2024-primary/<contest_id>.json (derived outstanding
 * estimates) and corpus/ca-2024-primary-oracle/<contest_id>.json (oracle estimates) for every contest with
 * at least two candidates, after checking every file with `parseCountFile`; an invalid one stops the build,
 * writing nothing. corpus/ca-2024-primary/README.md documents every step.
 */
import { buildCaCorpus, CORPUS_SOURCE_FILES, type CorpusSourceTexts } from './ca-2024/build.ts';
import { formatCompactCountFile } from '../examples/build.ts';
import { runExampleBuilder } from '../examples/run-builder.ts';

// It reads two data sets (the CA counts and LA's count curve), so its data folder is ../shared/data itself.
process.exitCode = await runExampleBuilder<CorpusSourceTexts>(CORPUS_SOURCE_FILES, buildCaCorpus, {
  dataSet: '.',
  format: formatCompactCountFile,
});
