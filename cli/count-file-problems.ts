import { checkCountFile } from '../core/schemas/count-file-checks.ts';
import { CountFileShapeSchema, formatIssues, formatPath, parseCountFile, type CountFile, type ParseResult } from '../core/schemas/index.ts';

type Path = readonly PropertyKey[];

/**
 * Parses a count file and, when it is not valid, lists every problem in one pass. zod skips the whole-file
 * checks (ids, time order, counts that fall, ranges) after most shape failures (a wrong type, a missing field), so a user who fixed the
 * shape would only then learn of the rest. Here those checks also run on a file whose shape failed, and
 * their findings are kept except inside a part whose shape failed (where they would repeat it or be
 * nonsense). If the shape is too broken for them to run at all, a last line says they were skipped.
 */
export function parseCountFileFully(input: unknown): ParseResult<CountFile> {
  const parsed = parseCountFile(input);
  if (parsed.ok) return parsed;
  const shape = CountFileShapeSchema.safeParse(input);
  // The shape was right, so zod did run the whole-file checks: its list is already complete.
  if (shape.success) return parsed;
  // Not parsed.errors: zod runs the checks after some shape issues (a count below 0) but not others (a
  // string for a count), and its checks then repeat a broken field ("went down from 199299 to -1").
  const brokenPaths = shape.error.issues.map((issue) => issue.path);
  const shapeLines = formatIssues(shape.error);
  const checkLines = wholeFileChecks(input as CountFile, brokenPaths);
  const lines = [...shapeLines, ...checkLines.filter((line) => !shapeLines.includes(line))];
  return { ok: false, errors: lines };
}

/** The whole-file checks on an input of unknown shape; what falls inside a broken part is left out. */
function wholeFileChecks(input: CountFile, brokenPaths: readonly Path[]): string[] {
  const lines: string[] = [];
  try {
    checkCountFile(input, (path, message) => {
      if (!brokenPaths.some((broken) => startsWith(path, broken))) lines.push(`${formatPath(path)}: ${message}`);
    });
  } catch {
    // A missing array or object (no releases, a unit without outstanding…) stops the checks part way.
    lines.push('(the checks of ids, time order, falling counts and ranges stopped part way: fix the shape above, then run validate again)');
  }
  return lines;
}

function startsWith(path: Path, prefix: Path): boolean {
  return prefix.length <= path.length && prefix.every((key, index) => key === path[index]);
}
