import type { CountFile } from '../../core/schemas/index.ts';
import { buildGeneralCountFile } from './general.ts';
import { buildPrimaryCountFile } from './primary.ts';

/** The raw CSV files the examples are built from, by role; names are relative to the data directory. */
export const SOURCE_FILES = {
  generalUpdates: 'general_2022_mayor_updates.csv',
  countyEstimates: 'eub_la_county.csv',
  primaryCertified: 'primary_2022_mayor_certified_final.csv',
  primaryNews: 'primary_2022_mayor_updates_news.csv',
} as const;

export type SourceTexts = Record<keyof typeof SOURCE_FILES, string>;

/** One example count file and where it lives, relative to the repository root. */
export type BuiltExample = { path: string; countFile: CountFile };

/** Builds both example count files from the CSV texts. Pure: no file access, same text, same output. */
export function buildExamples(sources: SourceTexts): BuiltExample[] {
  return [
    {
      path: 'examples/la-mayor-2022-general.json',
      countFile: buildGeneralCountFile({ updatesCsv: sources.generalUpdates, estimatesCsv: sources.countyEstimates }),
    },
    {
      path: 'examples/la-mayor-2022-primary.json',
      countFile: buildPrimaryCountFile({
        certifiedCsv: sources.primaryCertified,
        newsCsv: sources.primaryNews,
        estimatesCsv: sources.countyEstimates,
      }),
    },
  ];
}

/** The committed text of a count file: 2-space JSON with a trailing newline. */
export function formatCountFile(countFile: CountFile): string {
  return `${JSON.stringify(countFile, null, 2)}\n`;
}

/**
 * The committed text of a large count file (the real-count corpus): valid JSON with one unit per line, so
 * that it stays small (no indentation inside a unit) and a diff still shows which units changed.
 */
export function formatCompactCountFile(countFile: CountFile): string {
  const releases = countFile.releases.map(({ units, ...release }) => {
    const head = JSON.stringify(release).slice(0, -1);
    return `    ${head},"units":[\n${units.map((unit) => `      ${JSON.stringify(unit)}`).join(',\n')}\n    ]}`;
  });
  const head = `"schemaVersion":${JSON.stringify(countFile.schemaVersion)},\n  "race":${JSON.stringify(countFile.race)}`;
  return `{\n  ${head},\n  "releases":[\n${releases.join(',\n')}\n  ]\n}\n`;
}
