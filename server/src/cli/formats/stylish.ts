// The human format: findings grouped by file, each with its position, severity, message, rule id and a code frame.
import * as path from 'node:path';
import pc from 'picocolors';
import type { Finding, Severity } from '../../engine/types.js';
import type { LineMap } from '../../engine/text.js';
import { safeFixOf } from '../../engine/fixes/apply-fixes.js';
import { PositionResolver } from './locations.js';
import type { FormatOptions, Formatter } from './types.js';

type Colors = ReturnType<typeof pc.createColors>;

export const formatStylish: Formatter = (result, options) => {
  const colors = pc.createColors(options.color);
  const positions = new PositionResolver(result.texts);
  if (result.findings.length === 0) return options.quiet ? '' : `${colors.green('✔')} No problems found.\n`;

  const byFile = new Map<string, Finding[]>();
  for (const finding of result.findings) byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);

  const out: string[] = [];
  for (const [file, findings] of byFile) {
    out.push('', colors.underline(displayPath(options, file)));
    const heads = findings.map((finding) => {
      const range = positions.range(finding.file, finding.start, finding.end);
      return { finding, position: `${range.line}:${range.column}` };
    });
    const positionWidth = Math.max(...heads.map((head) => head.position.length));
    const severityWidth = Math.max(...findings.map((finding) => finding.severity.length));
    heads.forEach(({ finding, position }, index) => {
      if (index > 0) out.push('');
      const severity = paintSeverity(colors, finding.severity, finding.severity.padEnd(severityWidth));
      // One row per finding keeps the columns scannable; a message's own line breaks would break the row apart.
      const message = finding.message.replace(/\s*\r?\n\s*/g, ' ');
      out.push(`  ${colors.dim(position.padEnd(positionWidth))}  ${severity}  ${message}  ${colors.dim(finding.ruleId)}`);
      out.push(...codeFrame(positions.lineMap(finding.file), finding, colors));
      for (const related of finding.related) {
        const at = positions.range(related.file, related.start, related.end);
        const where = `${displayPath(options, related.file)}:${at.line}:${at.column}`;
        out.push(colors.dim(`      ↳ ${where}${related.message ? `  ${related.message}` : ''}`));
      }
    });
  }
  out.push('', summary(result.findings, colors), '');
  return out.join('\n');
};

function displayPath(options: FormatOptions, file: string): string {
  return path.relative(options.cwd, file) || path.basename(file);
}

function paintSeverity(colors: Colors, severity: Severity, text: string): string {
  if (severity === 'error') return colors.red(text);
  if (severity === 'warning') return colors.yellow(text);
  return colors.blue(text);
}

/**
 * The finding's line with one line of context on each side and a caret underline under the range (to the end of the line
 * when the range spans lines). Tabs before the range are copied into the underline so it stays aligned however tabs render.
 */
function codeFrame(map: LineMap, finding: Finding, colors: Colors): string[] {
  if (map.text.length === 0) return [];
  const start = map.positionAt(finding.start);
  const end = map.positionAt(Math.max(finding.start, finding.end));
  const first = Math.max(0, start.line - 1);
  const last = Math.min(map.lineCount - 1, start.line + 1);
  const gutterWidth = String(last + 1).length;
  const lines: string[] = [];
  for (let line = first; line <= last; line++) {
    const text = map.lineText(line);
    const marker = line === start.line ? colors.red('>') : ' ';
    lines.push(`  ${marker} ${colors.dim(`${String(line + 1).padStart(gutterWidth)} |`)}${text ? ` ${text}` : ''}`);
    if (line !== start.line) continue;
    const underlineEnd = end.line === start.line ? end.character : text.length;
    const width = Math.max(1, underlineEnd - start.character);
    const indent = text.slice(0, start.character).replace(/[^\t]/g, ' ');
    lines.push(`    ${colors.dim(`${' '.repeat(gutterWidth)} |`)} ${indent}${paintSeverity(colors, finding.severity, '^'.repeat(width))}`);
  }
  return lines;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function summary(findings: readonly Finding[], colors: Colors): string {
  const count = (severity: Severity): number => findings.filter((finding) => finding.severity === severity).length;
  const errors = count('error');
  const paint = errors > 0 ? colors.red : colors.yellow;
  const head = paint(
    colors.bold(
      `✖ ${plural(findings.length, 'problem')} (${plural(errors, 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('info'), 'info')})`,
    ),
  );
  const fixable = findings.filter((finding) => safeFixOf(finding) !== undefined).length;
  if (fixable === 0) return head;
  return `${head}\n${paint(`  ${plural(fixable, 'problem')} ${fixable === 1 ? 'is' : 'are'} fixable with the \`--fix\` option.`)}`;
}
