// Findings as the rules reported them, kept per *checked* file (a rule checking one file may report into another, a
// constant's module say), and the finished findings per *target* file, each with a revision that changes whenever they
// do. Re-checking a file replaces only its own raw findings; the targets they touch are then finished again.
import type { SuppressionFact } from '../facts/types.js';
import type { RawFinding } from '../rule-api.js';
import { applySuppressions, finalizeFindings, type RuleSettings } from '../report/index.js';
import type { LineMap } from '../text.js';
import type { Finding } from '../types.js';

export interface FinishContext {
  settings: RuleSettings;
  suppressionsOf(file: string): readonly SuppressionFact[];
  linesOf(file: string): LineMap | undefined;
}

export class FindingsStore {
  private readonly raw = new Map<string, RawFinding[]>();
  /** File → checked files whose raw findings are in it, point into it (related) or edit it (fixes). */
  private readonly mentionedBy = new Map<string, Set<string>>();
  private readonly finished = new Map<string, Finding[]>();
  private readonly fingerprints = new Map<string, string>();
  private readonly revisions = new Map<string, number>();
  private nextRevision = 1;

  /** Replaces a checked file's raw findings; returns the target files to finish again. */
  setRaw(checked: string, findings: RawFinding[]): Set<string> {
    const touched = this.dropRaw(checked);
    touched.add(checked);
    this.raw.set(checked, findings);
    for (const file of mentionedFiles(findings)) {
      touched.add(file);
      let checkers = this.mentionedBy.get(file);
      if (!checkers) this.mentionedBy.set(file, (checkers = new Set()));
      checkers.add(checked);
    }
    return touched;
  }

  /** Forgets a checked file's raw findings (the file was removed); returns the target files to finish again. */
  dropRaw(checked: string): Set<string> {
    const touched = new Set<string>();
    for (const file of mentionedFiles(this.raw.get(checked) ?? [])) {
      touched.add(file);
      this.mentionedBy.get(file)?.delete(checked);
    }
    this.raw.delete(checked);
    return touched;
  }

  /** Checked files whose findings mention `file` (other than itself): their offsets into it go stale when it changes. */
  checkersMentioning(file: string): string[] {
    return [...(this.mentionedBy.get(file) ?? [])].filter((checked) => checked !== file);
  }

  /**
   * Recomputes the finished findings of `targets`: severities, suppressions (and the suppression findings), order.
   * Returns the targets whose findings changed.
   */
  finish(targets: Iterable<string>, context: FinishContext): string[] {
    const changed: string[] = [];
    for (const target of targets) {
      const findings = this.finishOne(target, context);
      const previous = this.fingerprints.get(target);
      // A file that never had findings (one a finding merely points into) need not be tracked.
      if (previous === undefined && findings.length === 0) continue;
      const fingerprint = JSON.stringify(findings);
      if (previous === fingerprint) continue;
      this.fingerprints.set(target, fingerprint);
      if (findings.length > 0) this.finished.set(target, findings);
      else this.finished.delete(target);
      this.revisions.set(target, this.nextRevision++);
      changed.push(target);
    }
    return changed;
  }

  findingsOf(file: string): readonly Finding[] {
    return this.finished.get(file) ?? [];
  }

  /** Changes whenever the file's findings change; 0 for a file that never had any. */
  revisionOf(file: string): number {
    return this.revisions.get(file) ?? 0;
  }

  filesWithFindings(): string[] {
    return [...this.finished.keys()].sort();
  }

  /** Every file that has or once had findings: a client must be told when they are gone. */
  knownTargets(): string[] {
    return [...this.fingerprints.keys()];
  }

  private finishOne(target: string, context: FinishContext): Finding[] {
    const checkers = [...(this.mentionedBy.get(target) ?? [])].sort();
    if (this.raw.has(target) && !checkers.includes(target)) checkers.unshift(target);
    // One problem reported by the checks of several files (a literal shared by many calls) is one finding.
    const seen = new Set<string>();
    const raw: RawFinding[] = [];
    for (const checked of checkers) {
      for (const finding of this.raw.get(checked) ?? []) {
        if (finding.file !== target) continue;
        const key = `${finding.ruleId}\0${finding.start}\0${finding.end}\0${finding.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        raw.push(finding);
      }
    }
    const suppressions = new Map([[target, context.suppressionsOf(target)]]);
    const findings = applySuppressions(finalizeFindings(raw, context.settings), suppressions, context.settings, context.linesOf);
    return findings.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId) || a.message.localeCompare(b.message));
  }
}

function mentionedFiles(findings: readonly RawFinding[]): Set<string> {
  const files = new Set<string>();
  for (const finding of findings) {
    files.add(finding.file);
    for (const related of finding.related) files.add(related.file);
    for (const fix of finding.fixes) for (const file of Object.keys(fix.edits)) files.add(file);
  }
  return files;
}
