// Applying text edits to one file's text. Shared by the CLI (--fix) and, later, the language server (fix all).
import type { TextEdit } from '../types.js';

export interface EditOutcome {
  text: string;
  /** The edits that were applied, in offset order. */
  applied: TextEdit[];
  /** Edits dropped because they overlap an earlier (lower-offset) edit. */
  skipped: TextEdit[];
}

/** Edits in offset order; ties keep their given order, so several insertions at one offset stay in sequence. */
export function sortEdits(edits: readonly TextEdit[]): TextEdit[] {
  return edits
    .map((edit, index) => ({ edit, index }))
    .sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || a.index - b.index)
    .map(({ edit }) => edit);
}

/**
 * Applies edits (0-based offsets, end exclusive) to `text`. An edit that overlaps one already accepted is skipped rather than
 * applied on shifted offsets, which would corrupt the text. Touching edits (one ends where the next starts) both apply.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): EditOutcome {
  const applied: TextEdit[] = [];
  const skipped: TextEdit[] = [];
  let acceptedEnd = -1;
  for (const edit of sortEdits(edits)) {
    const valid = edit.start >= 0 && edit.end >= edit.start && edit.end <= text.length;
    if (!valid || edit.start < acceptedEnd) {
      skipped.push(edit);
      continue;
    }
    applied.push(edit);
    acceptedEnd = edit.end;
  }
  const parts: string[] = [];
  let cursor = 0;
  for (const edit of applied) {
    parts.push(text.slice(cursor, edit.start), edit.newText);
    cursor = edit.end;
  }
  parts.push(text.slice(cursor));
  return { text: parts.join(''), applied, skipped };
}
