// The machine-readable format of interfaces.md: stable keys, 1-based positions, paths relative to the workspace root.
import type { Finding, FixKind } from '../../engine/types.js';
import { PositionResolver, relativePosix } from './locations.js';
import type { Formatter, ReportInput } from './types.js';

export interface JsonRelated {
  file: string;
  line: number;
  column: number;
  message?: string;
}

export interface JsonFinding {
  ruleId: string;
  severity: Finding['severity'];
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  related: JsonRelated[];
  fixable: FixKind;
  role?: 'test' | 'tooling' | 'client-app';
}

export interface JsonReport {
  version: 1;
  /** The workspace root relative to where seamlint ran ('.' when run from the root); every other path is relative to it. */
  root: string;
  services: { name: string; root: string }[];
  findings: JsonFinding[];
}

/** 'safe' when `--fix` can apply a fix, 'unsafe' when only the editor offers one, else 'none'. */
export function fixableKind(finding: Finding): FixKind {
  if (finding.fixes.some((fix) => fix.kind === 'safe')) return 'safe';
  return finding.fixes.length > 0 ? 'unsafe' : 'none';
}

export function toJsonReport(result: ReportInput, cwd: string): JsonReport {
  const positions = new PositionResolver(result.texts);
  // Thousands of findings, each with related locations, name the same few hundred files.
  const relativePaths = new Map<string, string>();
  const relative = (file: string): string => {
    let path = relativePaths.get(file);
    if (path === undefined) relativePaths.set(file, (path = relativePosix(result.root, file)));
    return path;
  };
  return {
    version: 1,
    root: relativePosix(cwd, result.root),
    services: result.services.map((service) => ({ name: service.name, root: relative(service.root) })),
    findings: result.findings.map((finding) => ({
      ruleId: finding.ruleId,
      severity: finding.severity,
      message: finding.message,
      file: relative(finding.file),
      ...positions.range(finding.file, finding.start, finding.end),
      related: finding.related.map((location) => {
        const at = positions.range(location.file, location.start, location.end);
        return {
          file: relative(location.file),
          line: at.line,
          column: at.column,
          ...(location.message !== undefined ? { message: location.message } : {}),
        };
      }),
      fixable: fixableKind(finding),
      // Only findings in code config `include` brought in carry a role; production code is the default.
      ...(finding.role ? { role: finding.role } : {}),
    })),
  };
}

export const formatJson: Formatter = (result, options) => `${JSON.stringify(toJsonReport(result, options.cwd), null, 2)}\n`;
