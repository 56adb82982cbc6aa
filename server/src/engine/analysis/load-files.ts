// Read, parse and extract facts for every source file. A file that cannot be read or parsed never stops the run:
// it is skipped (with a setup problem) or analyzed best-effort.
import { relative } from 'node:path';
import { extractFacts } from '../facts/extract.js';
import type { AnalyzedFile } from '../model/types.js';
import { parseSourceFile } from '../program/parse.js';
import { readSourceText } from '../program/source-text.js';
import { parseSuppressions } from '../report/index.js';
import { LineMap } from '../text.js';
import type { SetupProblem } from '../types.js';

export function loadFiles(root: string, paths: readonly string[], problems: SetupProblem[], overlays?: ReadonlyMap<string, string>): Map<string, AnalyzedFile> {
  const files = new Map<string, AnalyzedFile>();
  for (const path of paths) {
    const overlay = overlays?.get(path);
    const read = overlay === undefined ? readSourceText(path) : { ok: true as const, text: overlay };
    if (!read.ok) {
      problems.push({ file: path, message: read.reason });
      continue;
    }
    const file = analyzeText(root, path, read.text);
    if (file.facts.parseDiagnostics < 0) problems.push({ file: path, message: 'skipped: too deeply nested for the TypeScript parser' });
    files.set(path, file);
  }
  return files;
}

export function analyzeText(root: string, path: string, text: string): AnalyzedFile {
  const parsed = parseSourceFile(path, text);
  const sourceFile = parsed ?? parseSourceFile(path, '')!;
  const facts = parsed
    ? { ...extractFacts(path, text, sourceFile), suppressions: parseSuppressions(text) }
    : { ...extractFacts(path, '', sourceFile), parseDiagnostics: -1, suppressions: [] };
  return {
    path,
    relativePath: relative(root, path).split('\\').join('/'),
    text,
    lines: new LineMap(text),
    facts,
    sourceFile,
  };
}
