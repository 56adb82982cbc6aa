// Engine findings → LSP diagnostics (0-based line/character in UTF-16 code units, which is what LineMap counts).
import { readFileSync } from 'node:fs';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver/node';
import { ruleById } from '../../../rules/index.js';
import type { ConfigProblem, WorkspaceSession } from '../engine/session/index.js';
import { LineMap } from '../engine/text.js';
import type { Finding, Severity } from '../engine/types.js';
import { SOURCE, type DiagnosticData } from './protocol.js';
import type { Uris } from './uris.js';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** Line maps of analyzed files, and of other files a finding points at (read once from disk). */
export class LineLookup {
  private readonly fromDisk = new Map<string, LineMap | undefined>();

  constructor(private readonly session: WorkspaceSession) {}

  linesOf(file: string): LineMap | undefined {
    const analyzed = this.session.file(file);
    if (analyzed) return analyzed.lines;
    if (!this.fromDisk.has(file)) this.fromDisk.set(file, readLines(file));
    return this.fromDisk.get(file);
  }

  rangeOf(file: string, start: number, end: number): Range {
    return rangeIn(this.linesOf(file), start, end);
  }
}

export function rangeIn(lines: LineMap | undefined, start: number, end: number): Range {
  if (!lines) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { start: lines.positionAt(start), end: lines.positionAt(end) };
}

export function toDiagnostic(finding: Finding, lines: LineLookup, uris: Uris): Diagnostic {
  const rule = ruleById(finding.ruleId);
  const fixKinds = finding.fixes.map((fix) => fix.kind);
  const data: DiagnosticData = {
    ruleId: finding.ruleId,
    start: finding.start,
    end: finding.end,
    fixable: fixKinds.includes('safe') ? 'safe' : fixKinds.includes('unsafe') ? 'unsafe' : 'none',
  };
  const diagnostic: Diagnostic = {
    range: lines.rangeOf(finding.file, finding.start, finding.end),
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    source: SOURCE,
    message: finding.message,
    data,
  };
  if (rule) diagnostic.codeDescription = { href: rule.docsUrl };
  if (finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map((related) => ({
      location: { uri: uris.uriOf(related.file), range: lines.rangeOf(related.file, related.start, related.end) },
      message: related.message ?? 'related location',
    }));
  }
  return diagnostic;
}

/** The one diagnostic a broken config gets, at the offending key (or the file's start when the problem has no place). */
export function configDiagnostic(problem: ConfigProblem, text: string | undefined): Diagnostic {
  const lines = text === undefined ? undefined : new LineMap(text);
  const range = rangeIn(lines, problem.start, problem.end);
  // A problem with the whole file (unreadable, empty) is shown on its first line rather than on an empty range at 0:0.
  if (problem.start === 0 && problem.end === 0 && lines) range.end = { line: 0, character: lines.lineText(0).length };
  return { range, severity: DiagnosticSeverity.Error, source: SOURCE, code: 'config', message: problem.message };
}

export function readLines(file: string): LineMap | undefined {
  try {
    return new LineMap(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}
