// `source.fixAll.seamlint`: every safe fix of a file at once, the way ESLint's fix-all works. Fixes are applied whole
// and never overlapping (planFixes); when some had to be skipped because they touched an applied one, the file is
// analyzed again with the fixed text and the remaining fixes are tried, up to 10 passes. Only fixes confined to the
// file itself are taken: a fix-all on save must not edit other files behind the user's back.
import type { TextEdit } from '../engine/types.js';
import { planFixes, safeFixOf } from '../engine/fixes/index.js';
import type { WorkspaceSession } from '../engine/session/index.js';
import type { Finding } from '../engine/types.js';

const MAX_PASSES = 10;

export interface FixAllOutcome {
  edits: TextEdit[];
  /** Fixes applied, over all passes. */
  fixed: number;
  passes: number;
}

export function fixAllEdits(session: WorkspaceSession, path: string, text: string): FixAllOutcome | undefined {
  let current = text;
  let findings: readonly Finding[] = session.findingsOf(path);
  let fixed = 0;
  let passes = 0;
  let firstPassEdits: TextEdit[] = [];
  while (passes < MAX_PASSES) {
    const candidates = findings.filter((finding) => {
      const fix = safeFixOf(finding);
      return fix !== undefined && Object.keys(fix.edits).every((file) => file === path);
    });
    const outcome = planFixes(candidates, (file) => (file === path ? current : undefined));
    const next = outcome.files.get(path);
    if (next === undefined || next === current) break;
    if (passes === 0) firstPassEdits = outcome.fixed.flatMap((finding) => safeFixOf(finding)!.edits[path] ?? []);
    passes++;
    fixed += outcome.fixed.length;
    current = next;
    // Nothing was held back: another pass would only find what this one fixed.
    if (outcome.conflicting.length === 0) break;
    findings = session.previewFindings(path, current);
  }
  if (passes === 0) return undefined;
  // One pass: the fixes' own edits, so the editor keeps cursors and markers in place. More: one edit over what changed.
  const edits = passes === 1 ? firstPassEdits.sort((a, b) => a.start - b.start) : [minimalEdit(text, current)];
  return { edits, fixed, passes };
}

function minimalEdit(before: string, after: string): TextEdit {
  let prefix = 0;
  const shorter = Math.min(before.length, after.length);
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return { start: prefix, end: before.length - suffix, newText: after.slice(prefix, after.length - suffix) };
}
