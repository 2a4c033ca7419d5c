import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { typeScriptFiles, withoutComments } from '../fixtures/purity-scanner.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WEB = join(REPO_ROOT, 'web', 'src');
const CLI_IMPORT = /\bfrom\s*['"][^'"]*\/cli\/[^'"]*['"]/g;

/** The pages share code with the CLI only through core/ (the developers' guide: the web page never imports the CLI). */
describe('the web pages', () => {
  it('import nothing from cli/', () => {
    const files = typeScriptFiles(WEB);
    expect(files).toContain(join(WEB, 'page-parts.ts'));
    const report = files.flatMap((file) => (withoutComments(readFileSync(file, 'utf8')).match(CLI_IMPORT) ?? []).map((match) => `${relative(REPO_ROOT, file)}: ${match}`));
    expect(report).toEqual([]);
  });

  it('would be caught importing from cli/', () => {
    expect("import { formatVotes } from '../../cli/format/x.ts';".match(CLI_IMPORT)).toHaveLength(1);
  });
});
