// Inline suppressions: `// seamlint-disable-next-line rule-a, rule-b -- reason` and, among the comments at the top of a
// file, `// seamlint-disable rule -- reason` (also as /* … */). Suppressions without a reason, and suppressions that
// suppress nothing, are findings of their own: both tend to outlive the code they were written for.
import type { SuppressionFact } from '../facts/types.js';
import { LineMap } from '../text.js';
import type { Finding, SeveritySetting } from '../types.js';
import { enabledRuleIds, severityOf, type RuleSettings } from './severity.js';
import { closestMatch } from './suggest.js';

export const SUPPRESSION_NEEDS_REASON = 'suppression-needs-reason';
export const UNUSED_SUPPRESSION = 'unused-suppression';

interface Comment {
  start: number;
  end: number;
  /** Text between the delimiters. */
  body: string;
  startLine: number;
  endLine: number;
  /** Before the first statement: where file-scope directives belong. */
  inHeader: boolean;
}

type Directive = Pick<SuppressionFact, 'scope' | 'rules' | 'reason'>;

// `seamlint-disable-next-line` must be matched whole, or `seamlint-disable` would read "-next-line" as a rule id.
const DIRECTIVE = /^seamlint-disable(-next-line)?(?:\s+(.*))?$/;

/**
 * Finds suppression comments by looking only at lines that start (after indentation) with `//` or `/*`: that keeps
 * directive-like text inside ordinary string literals from counting, at the price of not seeing a comment that follows
 * code on the same line. (Text inside a multi-line template literal that starts a line with `//` would still count.)
 */
export function parseSuppressions(text: string): SuppressionFact[] {
  const lines = new LineMap(text);
  const comments = scanComments(text, lines);
  const directives = comments.map((comment) => ({ comment, directive: parseDirective(comment.body) }));
  // Stacked next-line directives (one per rule, each with its own reason) all apply to the code below them.
  const nextLineDirectiveEnd = new Map<number, number>();
  for (const { comment, directive } of directives) {
    if (directive?.scope === 'next-line') nextLineDirectiveEnd.set(comment.startLine, comment.endLine);
  }
  const facts: SuppressionFact[] = [];
  for (const { comment, directive } of directives) {
    if (!directive) continue;
    // A file-wide switch buried mid-file is easy to miss in review; only the file's header may hold one.
    if (directive.scope === 'file' && !comment.inHeader) continue;
    const targetLine = directive.scope === 'file' ? -1 : nextCodeLine(lines, comment.endLine + 1, nextLineDirectiveEnd);
    const fact: SuppressionFact = { start: comment.start, end: comment.end, scope: directive.scope, rules: directive.rules, targetLine };
    if (directive.reason !== undefined) fact.reason = directive.reason;
    facts.push(fact);
  }
  return facts;
}

function scanComments(text: string, lines: LineMap): Comment[] {
  const comments: Comment[] = [];
  let inHeader = true;
  for (let line = 0; line < lines.lineCount; ) {
    const content = lines.lineText(line);
    const trimmed = content.trimStart();
    const start = lines.offsetAt({ line, character: content.length - trimmed.length });
    if (trimmed.startsWith('//')) {
      comments.push({ start, end: lines.lineEnd(line), body: trimmed.slice(2), startLine: line, endLine: line, inHeader });
      line++;
    } else if (trimmed.startsWith('/*')) {
      const close = text.indexOf('*/', start + 2);
      const end = close < 0 ? text.length : close + 2;
      const endLine = lines.positionAt(end).line;
      comments.push({ start, end, body: text.slice(start + 2, close < 0 ? end : close), startLine: line, endLine, inHeader });
      // `/* … */ statement();` ends the header after the comment.
      if (text.slice(end, lines.lineEnd(endLine)).trim() !== '') inHeader = false;
      line = endLine + 1;
    } else {
      const shebang = line === 0 && trimmed.startsWith('#!');
      if (trimmed !== '' && !shebang) inHeader = false;
      line++;
    }
  }
  return comments;
}

function parseDirective(body: string): Directive | undefined {
  // Block comments may run over several lines, JSDoc-style with a leading '*' on each.
  const normalized = body
    .split('\n')
    .map((line) => line.replace(/^\s*\*+/, ''))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  const match = DIRECTIVE.exec(normalized);
  if (!match) return undefined;
  const rest = match[2] ?? '';
  const separator = rest.indexOf('--');
  const ruleList = separator < 0 ? rest : rest.slice(0, separator);
  const reason = separator < 0 ? '' : rest.slice(separator + 2).trim();
  const directive: Directive = {
    scope: match[1] ? 'next-line' : 'file',
    rules: ruleList.split(/[\s,]+/).filter((rule) => rule !== ''),
  };
  if (reason !== '') directive.reason = reason;
  return directive;
}

/** The first line at or after `line` that is neither blank nor another next-line directive; lineCount if none. */
function nextCodeLine(lines: LineMap, line: number, nextLineDirectiveEnd: ReadonlyMap<number, number>): number {
  let target = line;
  while (target < lines.lineCount) {
    const stackedEnd = nextLineDirectiveEnd.get(target);
    if (stackedEnd !== undefined) target = stackedEnd + 1;
    else if (lines.lineText(target).trim() === '') target++;
    else return target;
  }
  return lines.lineCount;
}

/**
 * applySuppressionFacts with everything taken from the resolved settings: severities, the rules that ran (severity
 * other than off) and the known rule ids. `linesOf` gives a file's LineMap; without one only file-wide suppressions apply.
 */
export function applySuppressions(
  findings: readonly Finding[],
  suppressionsByFile: ReadonlyMap<string, readonly SuppressionFact[]>,
  settings: RuleSettings,
  linesOf: (file: string) => LineMap | undefined,
): Finding[] {
  return applySuppressionFacts(
    findings,
    suppressionsByFile,
    (file, offset) => linesOf(file)?.positionAt(offset).line ?? NO_LINE,
    (ruleId) => severityOf(settings, ruleId),
    enabledRuleIds(settings),
    new Set(settings.keys()),
  );
}

/** Matches no next-line suppression (whose targets are ≥ 0) nor file scope's -1. */
const NO_LINE = -2;

/**
 * Drops findings that a suppression covers and adds the suppressions' own findings: `suppression-needs-reason` for a
 * comment without a reason, `unused-suppression` for each listed rule that suppressed nothing. Only rules that ran
 * (`enabledRules`) can be judged unused: a suppression for a rule turned off may matter again when it is turned back on.
 * With `knownRules`, a listed id that is no rule at all is reported as unused too, with a suggestion.
 */
export function applySuppressionFacts(
  findings: readonly Finding[],
  suppressionsByFile: ReadonlyMap<string, readonly SuppressionFact[]>,
  lineOf: (file: string, offset: number) => number,
  severityOf: (ruleId: string) => SeveritySetting,
  enabledRules: ReadonlySet<string>,
  knownRules?: ReadonlySet<string>,
): Finding[] {
  const used = new Map<SuppressionFact, Set<string>>();
  const needsReason = severityOf(SUPPRESSION_NEEDS_REASON);
  const candidates = [...findings];
  if (needsReason !== 'off') {
    for (const [file, suppressions] of suppressionsByFile) {
      for (const suppression of suppressions) {
        if (suppression.reason !== undefined && suppression.reason.trim() !== '') continue;
        const subject = suppression.rules.length > 0 ? ` of ${suppression.rules.join(', ')}` : '';
        const message =
          `This suppression${subject} gives no reason: nobody can tell later whether it is still needed. ` +
          'Add the reason after " -- " at the end of the comment.';
        candidates.push(suppressionFinding(SUPPRESSION_NEEDS_REASON, needsReason, file, suppression, message));
      }
    }
  }

  const kept = candidates.filter((finding) => {
    const suppressions = suppressionsByFile.get(finding.file);
    if (!suppressions || suppressions.length === 0) return true;
    const line = lineOf(finding.file, finding.start);
    let suppressed = false;
    // Every covering suppression counts as used, so a file-wide one and a next-line one don't flag each other.
    for (const suppression of suppressions) {
      if (!suppression.rules.includes(finding.ruleId)) continue;
      if (suppression.scope !== 'file' && suppression.targetLine !== line) continue;
      suppressed = true;
      const rules = used.get(suppression) ?? new Set<string>();
      rules.add(finding.ruleId);
      used.set(suppression, rules);
    }
    return !suppressed;
  });

  const unusedSeverity = severityOf(UNUSED_SUPPRESSION);
  if (unusedSeverity === 'off') return kept;
  const isJudged = (ruleId: string) =>
    enabledRules.has(ruleId) || (ruleId === SUPPRESSION_NEEDS_REASON && needsReason !== 'off');
  const unused: Finding[] = [];
  for (const [file, suppressions] of suppressionsByFile) {
    for (const suppression of suppressions) {
      const report = (message: string) =>
        unused.push(suppressionFinding(UNUSED_SUPPRESSION, unusedSeverity, file, suppression, message));
      if (suppression.rules.length === 0) {
        report(
          'This suppression names no rule, so it suppresses nothing: seamlint has no blanket suppressions. ' +
            'List the rule ids it is meant for, or remove it.',
        );
        continue;
      }
      for (const ruleId of new Set(suppression.rules)) {
        if (used.get(suppression)?.has(ruleId)) continue;
        if (isJudged(ruleId)) {
          const where = suppression.scope === 'file' ? 'in this file' : 'on the line it applies to';
          report(
            `The suppression of ${ruleId} is unused: there is no ${ruleId} finding ${where}, and a stale suppression ` +
              `would hide the next one without review. Remove ${ruleId} from this comment.`,
          );
        } else if (knownRules && !knownRules.has(ruleId) && ruleId !== UNUSED_SUPPRESSION && ruleId !== SUPPRESSION_NEEDS_REASON) {
          const suggestion = closestMatch(ruleId, knownRules);
          report(
            `"${ruleId}" is not a seamlint rule, so this suppression suppresses nothing. ` +
              (suggestion ? `Did you mean "${suggestion}"?` : 'Fix the rule id or remove it.'),
          );
        }
      }
    }
  }
  return [...kept, ...unused];
}

function suppressionFinding(
  ruleId: string,
  severity: Exclude<SeveritySetting, 'off'>,
  file: string,
  suppression: SuppressionFact,
  message: string,
): Finding {
  return { ruleId, severity, file, start: suppression.start, end: suppression.end, message, related: [], fixes: [] };
}
