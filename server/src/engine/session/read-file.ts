// Turning a file's text into an AnalyzedFile without ever throwing: editor text gets the same limits as files read
// from disk (size, binary content), and a parser that gives up yields an empty file plus a problem to show.
import { analyzeText } from '../analysis/load-files.js';
import type { AnalyzedFile } from '../model/types.js';
import { MAX_FILE_BYTES, looksBinary, readSourceText } from '../program/source-text.js';
import type { SetupProblem } from '../types.js';

export type DiskText = { text: string; problem?: undefined } | { text?: undefined; problem?: SetupProblem };

/** The file's text on disk; a problem when it is skipped (too large, binary), nothing when it is gone or unreadable. */
export function readDiskText(path: string): DiskText {
  const read = readSourceText(path);
  if (read.ok) return { text: read.text };
  return read.reason.startsWith('cannot read') ? {} : { problem: { file: path, message: read.reason } };
}

export function analyzeSafely(root: string, path: string, text: string): { file: AnalyzedFile; problem?: SetupProblem } {
  const empty = () => analyzeText(root, path, '');
  if (text.length > MAX_FILE_BYTES / 4 && Buffer.byteLength(text) > MAX_FILE_BYTES) {
    return { file: empty(), problem: { file: path, message: `skipped: larger than the ${MAX_FILE_BYTES / 1024 / 1024} MB limit` } };
  }
  if (looksBinary(Buffer.from(text.slice(0, 8192)))) return { file: empty(), problem: { file: path, message: 'skipped: binary content' } };
  try {
    const file = analyzeText(root, path, text);
    if (file.facts.parseDiagnostics < 0) return { file, problem: { file: path, message: 'skipped: too deeply nested for the TypeScript parser' } };
    return { file };
  } catch (error) {
    return { file: empty(), problem: { file: path, message: `could not be parsed: ${errorLine(error)}` } };
  }
}

export function errorLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
