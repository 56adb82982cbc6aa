// GitHub Actions workflow commands: each finding becomes an annotation on the pull request's diff.
import type { Severity } from '../../engine/types.js';
import { PositionResolver, relativePosix } from './locations.js';
import type { Formatter } from './types.js';

/** GitHub's escaping of a command's message (data). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** GitHub's escaping of a command's property values, where ':' and ',' also delimit. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const commandFor: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Paths are relative to where seamlint runs, which in a workflow is the checkout (GITHUB_WORKSPACE) that GitHub resolves them against. */
export const formatGithub: Formatter = (result, options) => {
  const positions = new PositionResolver(result.texts);
  return result.findings
    .map((finding) => {
      const range = positions.range(finding.file, finding.start, finding.end);
      const properties = [
        `file=${escapeProperty(relativePosix(options.cwd, finding.file))}`,
        `line=${range.line}`,
        `col=${range.column}`,
        `endLine=${range.endLine}`,
        `endColumn=${range.endColumn}`,
        `title=${escapeProperty(finding.ruleId)}`,
      ].join(',');
      return `::${commandFor[finding.severity]} ${properties}::${escapeData(finding.message)}\n`;
    })
    .join('');
};
