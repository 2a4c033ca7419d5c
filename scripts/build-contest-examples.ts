/**
 * Builds count files for other contests of the LA County November 2022 general election from the raw CSVs:
 * `npx tsx scripts/build-contest-examples.ts [--data DIR]` (DIR defaults to ../shared/data/la-2022 from
 * the repo root). Writes examples/contests/<race-id>.json for each contest of scripts/contests/chosen-contests.ts,
 * after checking every file with `parseCountFile`; an invalid one stops the build, writing nothing, with its
 * error lines and exit code 1. docs/contest-examples.md gives every choice with its numbers; in short:
 *
 * - lacounty_2022_general_all_contests_by_release.csv has 15 daily release points; each is pinned to the one
 *   registrar release of general_2022_mayor_updates.csv with the same mayor counts (and date), which gives its
 *   time, label and countywide ballots counted.
 * - One unit per contest, for its whole area. Outstanding votes = countywide outstanding ballots (the mayor
 *   examples' registrar estimates, as implied totals) × the contest's votes ÷ countywide ballots counted, i.e.
 *   the uncounted ballots are assumed to carry the contest in the same proportion as the counted ones; the
 *   90% range is 0.30 to 1.30 times that, the mayor examples' rule. The certified release has 0 outstanding.
 */
import { buildContestExamples, CONTEST_SOURCE_FILES, type ContestSourceTexts } from './contests/build.ts';
import { runExampleBuilder } from './examples/run-builder.ts';

process.exitCode = await runExampleBuilder<ContestSourceTexts>(CONTEST_SOURCE_FILES, buildContestExamples);
