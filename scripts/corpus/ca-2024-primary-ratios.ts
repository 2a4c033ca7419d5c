/**
 * Prints how the committed corpus's outstanding estimates compare with the truth, by day since polls
 * closed: `npm run corpus:ca:ratios`. A property of each method, reported in corpus/ca-2024-primary/README.md;
 * nothing is tuned to it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCountFile, type CountFile } from '../../core/schemas/index.ts';
import { CORPUS_DIRS, POLLS_CLOSED } from './ca-2024/build.ts';
import { compareEstimatesByDay } from './ca-2024/estimate-ratios.ts';
import { REPO_ROOT } from '../examples/run-builder.ts';

function readCorpus(dir: string): CountFile[] {
  const folder = join(REPO_ROOT, dir);
  return readdirSync(folder)
    .filter((name) => name.endsWith('.json') && name !== 'corpus.json')
    .map((name) => {
      const result = parseCountFile(JSON.parse(readFileSync(join(folder, name), 'utf8')));
      if (!result.ok) throw new Error(`${dir}/${name}: ${result.errors.join('; ')}`);
      return result.value;
    });
}

for (const [variant, dir] of Object.entries(CORPUS_DIRS)) {
  console.log(`\n${variant} (${dir})\n| day | county-releases | median estimate/true | pooled | 90% range covers |\n|---|---|---|---|---|`);
  for (const row of compareEstimatesByDay(readCorpus(dir), POLLS_CLOSED)) {
    const cells = [row.day, row.pairs, row.medianRatio.toFixed(2), row.pooledRatio.toFixed(2), `${(100 * row.rangeCoverage).toFixed(0)}%`];
    console.log(`| ${cells.join(' | ')} |`);
  }
}
