// Applying the safe fixes of many findings at once (`seamlint --fix`, and later `source.fixAll` in the editor).
import type { Finding, Fix, TextEdit } from '../types.js';
import { applyEdits, sortEdits } from './apply-edits.js';

export interface FixesOutcome {
  /** New text of every file whose content changed, keyed by absolute path. A created file starts from ''. */
  files: Map<string, string>;
  /** Findings whose fix was applied. */
  fixed: Finding[];
  /** Findings with a safe fix that was not applied because it touches a fix applied before it (a later pass may apply it). */
  conflicting: Finding[];
}

export interface ApplyFixesOptions {
  /** Take each finding's first fix whatever its kind (rule tests check unsafe fixes too). Default: first safe fix only. */
  includeUnsafe?: boolean;
}

/** What `--fix` applies for a finding: its first safe fix. Unsafe fixes are only ever offered one at a time in the editor. */
export function safeFixOf(finding: Finding): Fix | undefined {
  return finding.fixes.find((fix) => fix.kind === 'safe');
}

/** The new text of every file the fixes change (see planFixes for which fixes are taken). */
export function applyFixes(
  findings: readonly Finding[],
  readText: (file: string) => string | undefined,
  options: ApplyFixesOptions = {},
): Map<string, string> {
  return planFixes(findings, readText, options).files;
}

/** The same as applyFixes, under the name the rule tester uses. */
export const applyFixesToTexts = applyFixes;

/**
 * One pass of ESLint-style fixing. Fixes are taken in the findings' order (file, then offset) and accepted greedily: a fix is
 * applied whole or not at all, and it is skipped when any of its edits overlaps or touches an edit of a fix accepted before it
 * (two insertions at one offset could otherwise interleave in an order neither rule intended). Skipped fixes are reported as
 * `conflicting`; re-analysing and fixing again (ESLint does up to 10 passes) is the caller's loop — the CLI runs one pass.
 *
 * `readText` returns a file's current text, or undefined when the file does not exist yet (a fix that creates it).
 */
export function planFixes(
  findings: readonly Finding[],
  readText: (file: string) => string | undefined,
  options: ApplyFixesOptions = {},
): FixesOutcome {
  const acceptedByFile = new Map<string, TextEdit[]>();
  const originals = new Map<string, string>();
  const missing = new Set<string>();
  const fixed: Finding[] = [];
  const conflicting: Finding[] = [];

  const originalText = (file: string): string => {
    let text = originals.get(file);
    if (text === undefined) {
      const current = readText(file);
      if (current === undefined) missing.add(file);
      text = current ?? '';
      originals.set(file, text);
    }
    return text;
  };

  for (const finding of findings) {
    const fix = options.includeUnsafe ? finding.fixes[0] : safeFixOf(finding);
    if (!fix) continue;
    const fileEdits = Object.entries(fix.edits).filter(([, edits]) => edits.length > 0);
    if (fileEdits.length === 0) continue;
    const fits = fileEdits.every(
      ([file, edits]) =>
        isSelfConsistent(edits, originalText(file).length) &&
        !edits.some((edit) => (acceptedByFile.get(file) ?? []).some((accepted) => touches(edit, accepted))),
    );
    if (!fits) {
      conflicting.push(finding);
      continue;
    }
    for (const [file, edits] of fileEdits) acceptedByFile.set(file, [...(acceptedByFile.get(file) ?? []), ...edits]);
    fixed.push(finding);
  }

  const files = new Map<string, string>();
  for (const [file, edits] of acceptedByFile) {
    const before = originalText(file);
    const after = applyEdits(before, edits).text;
    if (after !== before || missing.has(file)) files.set(file, after);
  }
  return { files, fixed, conflicting };
}

function touches(a: TextEdit, b: TextEdit): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** A fix whose own edits overlap, or fall outside the file, is broken; applying part of it would leave broken code. */
function isSelfConsistent(edits: readonly TextEdit[], textLength: number): boolean {
  let previousEnd = -1;
  for (const edit of sortEdits(edits)) {
    if (edit.start < 0 || edit.end < edit.start || edit.end > textLength || edit.start < previousEnd) return false;
    previousEnd = edit.end;
  }
  return true;
}
