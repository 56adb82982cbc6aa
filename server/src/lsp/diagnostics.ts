// Engine findings → LSP diagnostics (0-based line/character), grouped by document URI.
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { AnalysisResult } from '../engine/analyze.js';
import type { Severity } from '../engine/types.js';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toDiagnostics(result: AnalysisResult): Map<string, Diagnostic[]> {
  const byUri = new Map<string, Diagnostic[]>();
  const rangeOf = (file: string, start: number, end: number) => {
    const lines = result.model.file(file)?.lines;
    return { start: lines?.positionAt(start) ?? { line: 0, character: 0 }, end: lines?.positionAt(end) ?? { line: 0, character: 0 } };
  };
  for (const finding of result.findings) {
    const uri = pathToFileURL(finding.file).href;
    const rule = result.rules.find((r) => r.id === finding.ruleId);
    const diagnostic: Diagnostic = {
      range: rangeOf(finding.file, finding.start, finding.end),
      severity: SEVERITY[finding.severity],
      code: finding.ruleId,
      codeDescription: rule ? { href: rule.docsUrl } : undefined,
      source: 'seamlint',
      message: finding.message,
      relatedInformation: finding.related.map((r) => ({
        location: { uri: pathToFileURL(r.file).href, range: rangeOf(r.file, r.start, r.end) },
        message: r.message ?? '',
      })),
    };
    const list = byUri.get(uri) ?? [];
    list.push(diagnostic);
    byUri.set(uri, list);
  }
  return byUri;
}
