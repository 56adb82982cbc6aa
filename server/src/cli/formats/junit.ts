// JUnit XML for CI systems that display test reports, shaped like ESLint's junit formatter: one testsuite per file with
// findings, one failing testcase per finding, and a single passing testsuite when there are none (so the report is never empty).
import type { Finding } from '../../engine/types.js';
import { PositionResolver, relativePosix } from './locations.js';
import type { Formatter } from './types.js';

/** Escapes text for XML content and attribute values, dropping characters XML 1.0 cannot represent at all. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Attribute values are whitespace-normalized by XML parsers: keep line breaks and tabs as character references. */
export function escapeXmlAttribute(text: string): string {
  return escapeXml(text).replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

const capitalized = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

export const formatJunit: Formatter = (result) => {
  const positions = new PositionResolver(result.texts);
  const byFile = new Map<string, Finding[]>();
  for (const finding of result.findings) byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);

  const lines = ['<?xml version="1.0" encoding="utf-8"?>', '<testsuites>'];
  if (byFile.size === 0) {
    lines.push('  <testsuite name="seamlint" tests="1" failures="0" errors="0" time="0">');
    lines.push('    <testcase name="seamlint" classname="seamlint" time="0" />');
    lines.push('  </testsuite>');
  }
  for (const [file, findings] of byFile) {
    const name = escapeXmlAttribute(relativePosix(result.root, file));
    lines.push(`  <testsuite name="${name}" tests="${findings.length}" failures="${findings.length}" errors="0" time="0">`);
    for (const finding of findings) {
      const { line, column } = positions.range(finding.file, finding.start, finding.end);
      const where = `line ${line}, col ${column}`;
      const body = `${where}, ${capitalized(finding.severity)} - ${finding.message} (${finding.ruleId})`;
      lines.push(`    <testcase name="${escapeXmlAttribute(`${where}: ${finding.ruleId}`)}" classname="${name}" time="0">`);
      const attributes = `message="${escapeXmlAttribute(finding.message)}" type="${escapeXmlAttribute(finding.ruleId)}"`;
      lines.push(`      <failure ${attributes}>${escapeXml(body)}</failure>`);
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
};
