/**
 * Builds the example count files from the raw LA 2022 CSVs: `npm run examples` (or
 * `npx tsx scripts/build-examples.ts --data DIR`; DIR defaults to ../shared/data/la-2022 from the repo root).
 * Each file is checked with `parseCountFile` before it is written; an invalid one stops the build with its
 * error lines and exit code 1. docs/examples.md gives every assumption with its numbers; in short:
 *
 * examples/la-mayor-2022-general.json: the registrar's 27 releases, one unit (the city; the registrar reports
 * only city totals). Outstanding votes for the city at each release =
 *   countywide outstanding ballots (latest registrar estimate tied to this release or an earlier one, as an
 *     implied total = ballots counted + ballots outstanding, minus the ballots counted now; election-night
 *     releases before the first estimate borrow it from a few hours later; the Nov 15/16 estimate is read
 *     as of Nov 15; the Nov 19 row, which gives only 22,200 vote-by-mail ballots, is used whole, as a lower bound)
 *   × the city's running share of countywide ballots (an assumption: the registrar does not split them)
 *   × the contest's running votes per ballot (undervotes),
 * with a 90% range of 0.30 to 1.30 times that (the envelope of how wrong those three inputs were in this
 * election). The certified release has 0 outstanding and no range.
 *
 * examples/la-mayor-2022-primary.json: four news-reported June releases plus the certified count (Jun 14 is
 * left out: whole percents only). Where the news gave percentages, counts are rebuilt: the city total is the
 * exact counts ÷ their percentages, or, with percentages only, a straight line in countywide ballots between
 * Jun 8 and the certified count; candidates the source leaves out share the growth since the previous
 * release in proportion to what each still had to gain; no count may fall (held at the previous value).
 * Outstanding votes and the range rule as above, with city votes per countywide ballot measured directly.
 * The primary's official estimates were far too low (Jun 8: 401,085 ballots left, 803,743 counted after),
 * so its election-night ranges are too narrow; docs/examples.md says so with the numbers.
 */
import { buildExamples, SOURCE_FILES, type SourceTexts } from './examples/build.ts';
import { runExampleBuilder } from './examples/run-builder.ts';

process.exitCode = await runExampleBuilder<SourceTexts>(SOURCE_FILES, buildExamples);
