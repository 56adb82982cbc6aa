// Stable identities for findings, for the baseline and SARIF partialFingerprints. A finding keeps its fingerprint when
// unrelated edits move it to another line: it is built from what is on its line, not from where that line is.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { LineMap } from '../text.js';
import type { Finding } from '../types.js';

/** Forward-slash path relative to the workspace root: the same on every OS and checkout location. */
export function relativePath(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

/**
 * Sets `fingerprint` on each finding (returning new objects, in the same order): a hash of the rule id, the relative
 * path, the trimmed text of the finding's first line, and the finding's rank among findings that share those three
 * (ordered by position), so two identical lines in one file still get distinct fingerprints.
 * `lineTextAt(file, offset)` returns the text of the line holding `offset`.
 */
export function fingerprintFindings(
  findings: readonly Finding[],
  root: string,
  lineTextAt: (file: string, offset: number) => string,
): Finding[] {
  const keys = findings.map((finding) => {
    const text = lineTextAt(finding.file, finding.start).trim();
    return JSON.stringify([finding.ruleId, relativePath(root, finding.file), text]);
  });
  // Rank by position rather than by input order, so the fingerprint does not depend on the order rules ran in.
  const order = findings.map((_, index) => index).sort((a, b) => comparePosition(findings[a]!, findings[b]!));
  const seen = new Map<string, number>();
  const occurrence: number[] = [];
  for (const index of order) {
    const key = keys[index]!;
    const rank = seen.get(key) ?? 0;
    seen.set(key, rank + 1);
    occurrence[index] = rank;
  }
  return findings.map((finding, index) => ({ ...finding, fingerprint: hash(`${keys[index]}#${occurrence[index]}`) }));
}

function comparePosition(a: Finding, b: Finding): number {
  return a.start - b.start || a.end - b.end || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
}

function hash(text: string): string {
  // 64 bits: collisions within one file × rule are out of reach, and baseline files stay readable.
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** fingerprintFindings given each file's text (undefined when unknown: the line text then counts as empty). */
export function assignFingerprints(
  findings: readonly Finding[],
  root: string,
  textOf: (file: string) => string | undefined,
): Finding[] {
  const lineMaps = new Map<string, LineMap>();
  return fingerprintFindings(findings, root, (file, offset) => {
    let lines = lineMaps.get(file);
    if (!lines) {
      lines = new LineMap(textOf(file) ?? '');
      lineMaps.set(file, lines);
    }
    return lines.lineText(lines.positionAt(offset).line);
  });
}
