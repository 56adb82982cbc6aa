// Reading user files defensively: a linter meets generated bundles, binaries with a .ts name and half-written files.
import { readFileSync, statSync } from 'node:fs';

/** Files larger than this are not analyzed: they are generated, and parsing them would stall the editor. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

export type SourceTextResult = { ok: true; text: string } | { ok: false; reason: string };

export function readSourceText(path: string): SourceTextResult {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (error) {
    return { ok: false, reason: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  if (size > MAX_FILE_BYTES) return { ok: false, reason: `skipped: ${(size / 1024 / 1024).toFixed(1)} MB is larger than the ${MAX_FILE_BYTES / 1024 / 1024} MB limit` };
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    // Deleted between discovery and reading, or unreadable: not an error of the run.
    return { ok: false, reason: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  if (looksBinary(bytes)) return { ok: false, reason: 'skipped: binary content' };
  // Invalid UTF-8 decodes to U+FFFD: offsets stay consistent with what we parse, and fixes are never applied to such files.
  return { ok: true, text: bytes.toString('utf8') };
}

/** A NUL byte in the first 8 KB is what git and ripgrep use to call a file binary. */
export function looksBinary(bytes: Uint8Array): boolean {
  const limit = Math.min(bytes.length, 8192);
  for (let i = 0; i < limit; i++) if (bytes[i] === 0) return true;
  return false;
}
