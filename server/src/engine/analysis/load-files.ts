// Read, parse and extract facts for every source file. A file that cannot be read or parsed never stops the run:
// it is skipped (with a setup problem) or analyzed best-effort.
import { relative } from 'node:path';
import type ts from 'typescript';
import type { FactsCache } from '../cache/facts-cache.js';
import { contentHash, extractFacts } from '../facts/extract.js';
import type { FileFacts } from '../facts/types.js';
import type { AnalyzedFile } from '../model/types.js';
import { parseSourceFile } from '../program/parse.js';
import { readSourceText } from '../program/source-text.js';
import { parseSuppressions } from '../report/index.js';
import { LineMap } from '../text.js';
import type { SetupProblem } from '../types.js';

export function loadFiles(root: string, paths: readonly string[], problems: SetupProblem[], overlays?: ReadonlyMap<string, string>): Map<string, AnalyzedFile> {
  return analyzeTexts(root, readTexts(paths, problems, overlays), problems);
}

/** The text of every readable source file; unreadable, binary and oversized files become problems. */
export function readTexts(paths: readonly string[], problems: SetupProblem[], overlays?: ReadonlyMap<string, string>): Map<string, string> {
  const texts = new Map<string, string>();
  for (const path of paths) {
    const overlay = overlays?.get(path);
    const read = overlay === undefined ? readSourceText(path) : { ok: true as const, text: overlay };
    if (read.ok) texts.set(path, read.text);
    else problems.push({ file: path, message: read.reason });
  }
  return texts;
}

/** Facts for every text: from the cache when the content hash matches (the tree is then parsed only if a rule asks), else extracted. */
export function analyzeTexts(root: string, texts: ReadonlyMap<string, string>, problems: SetupProblem[], cache?: FactsCache): Map<string, AnalyzedFile> {
  const files = new Map<string, AnalyzedFile>();
  for (const [path, text] of texts) {
    const cached = cache?.get(path, contentHash(text));
    const file = cached ? withCachedFacts(root, path, text, cached) : analyzeText(root, path, text);
    if (!cached) cache?.set(path, file.facts);
    if (file.facts.parseDiagnostics < 0) problems.push({ file: path, message: 'skipped: too deeply nested for the TypeScript parser' });
    files.set(path, file);
  }
  return files;
}

function withCachedFacts(root: string, path: string, text: string, facts: FileFacts): AnalyzedFile {
  let tree: ts.SourceFile | undefined;
  return {
    path,
    relativePath: relative(root, path).split('\\').join('/'),
    text,
    lines: new LineMap(text),
    facts,
    get sourceFile() {
      return (tree ??= (facts.parseDiagnostics >= 0 ? parseSourceFile(path, text) : undefined) ?? parseSourceFile(path, '')!);
    },
  };
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
