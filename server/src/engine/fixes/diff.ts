// Unified diffs of fixed files (`seamlint --fix-dry-run`), in git's a/ b/ form so `git apply` accepts them.
import * as path from 'node:path';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';

/** The path as a diff header shows it: relative to `root`, with forward slashes. */
function displayPath(file: string, root: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

/** A unified diff of one file, '' when nothing changed. `before` is undefined for a file the fix creates. */
export function createDiff(file: string, before: string | undefined, after: string, root: string): string {
  if (before === after) return '';
  const name = displayPath(file, root);
  const oldName = before === undefined ? '/dev/null' : `a/${name}`;
  return createTwoFilesPatch(oldName, `b/${name}`, before ?? '', after, undefined, undefined, {
    context: 3,
    headerOptions: FILE_HEADERS_ONLY,
  });
}
