import { describe, expect, it } from 'vitest';
import type { SuppressionFact } from '../facts/types.js';
import { LineMap } from '../text.js';
import type { Finding, SeveritySetting } from '../types.js';
import { defaultConfig } from './config.js';
import { resolveRuleSettings } from './severity.js';
import { applySuppressionFacts, applySuppressions, parseSuppressions } from './suppressions.js';
import { testRules } from './test-rules.js';

/** The text and offsets of each fact's comment, for readable expectations. */
function parsed(text: string) {
  return parseSuppressions(text).map(({ start, end, ...fact }) => ({ comment: text.slice(start, end), ...fact }));
}

describe('parseSuppressions', () => {
  it('reads next-line suppressions with several rules and a reason, skipping blank lines', () => {
    const text = [
      'import x from "x";',
      '  // seamlint-disable-next-line missing-timeout, sync-call-chain -- the SDK sets its own timeout',
      '',
      '  await call();',
    ].join('\n');
    expect(parsed(text)).toEqual([
      {
        comment: '// seamlint-disable-next-line missing-timeout, sync-call-chain -- the SDK sets its own timeout',
        scope: 'next-line',
        rules: ['missing-timeout', 'sync-call-chain'],
        reason: 'the SDK sets its own timeout',
        targetLine: 3,
      },
    ]);
    expect(parseSuppressions(text)[0]).toMatchObject({ start: 21, end: 115 });
  });

  it('reads file-wide suppressions among the comments at the top of the file only', () => {
    const text = [
      '#!/usr/bin/env node',
      '// Copyright Acme',
      '/* seamlint-disable cross-service-import -- migration in progress, see ADR-12 */',
      '// seamlint-disable shared-database -- read model',
      'import x from "x";',
      '// seamlint-disable missing-timeout -- too late: not in the header',
    ].join('\n');
    expect(parsed(text)).toEqual([
      {
        comment: '/* seamlint-disable cross-service-import -- migration in progress, see ADR-12 */',
        scope: 'file',
        rules: ['cross-service-import'],
        reason: 'migration in progress, see ADR-12',
        targetLine: -1,
      },
      {
        comment: '// seamlint-disable shared-database -- read model',
        scope: 'file',
        rules: ['shared-database'],
        reason: 'read model',
        targetLine: -1,
      },
    ]);
  });

  it('reads block comments, also over several lines', () => {
    const text = [
      'const a = 1;',
      '/* seamlint-disable-next-line missing-timeout -- retried by the queue */',
      'await call();',
      '/**',
      ' * seamlint-disable-next-line hardcoded-endpoint',
      ' *   -- local development only',
      ' */',
      'const url = "http://localhost:3000";',
    ].join('\n');
    expect(parsed(text)).toEqual([
      {
        comment: '/* seamlint-disable-next-line missing-timeout -- retried by the queue */',
        scope: 'next-line',
        rules: ['missing-timeout'],
        reason: 'retried by the queue',
        targetLine: 2,
      },
      {
        comment: '/**\n * seamlint-disable-next-line hardcoded-endpoint\n *   -- local development only\n */',
        scope: 'next-line',
        rules: ['hardcoded-endpoint'],
        reason: 'local development only',
        targetLine: 7,
      },
    ]);
  });

  it('leaves the reason out when it is missing or empty; stacked directives share the code below', () => {
    const text = ['// seamlint-disable-next-line missing-timeout', '// seamlint-disable-next-line sync-call-chain --  ', 'call();'].join('\n');
    expect(parsed(text)).toEqual([
      { comment: '// seamlint-disable-next-line missing-timeout', scope: 'next-line', rules: ['missing-timeout'], targetLine: 2 },
      {
        comment: '// seamlint-disable-next-line sync-call-chain --  ',
        scope: 'next-line',
        rules: ['sync-call-chain'],
        targetLine: 2,
      },
    ]);
  });

  it('does not match directives inside strings, after code, or with another keyword', () => {
    const text = [
      'const help = "// seamlint-disable-next-line missing-timeout -- not a comment";',
      'const other = `/* seamlint-disable missing-timeout */`;',
      'call(); // seamlint-disable-next-line missing-timeout -- trailing comments are not directives',
      '// seamlint-disabled missing-timeout',
      '// seamlint-disable-line missing-timeout',
      'call();',
    ].join('\n');
    expect(parseSuppressions(text)).toEqual([]);
  });

  it('records a directive that names no rule, so it can be reported', () => {
    expect(parsed('// seamlint-disable-next-line -- everything\ncall();')).toEqual([
      { comment: '// seamlint-disable-next-line -- everything', scope: 'next-line', rules: [], reason: 'everything', targetLine: 1 },
    ]);
  });
});

describe('applySuppressionFacts', () => {
  const file = '/w/services/orders/src/checkout.ts';
  const text = [
    '// seamlint-disable sync-call-chain -- the chain is the product',
    'import { get } from "./client";',
    '',
    '// seamlint-disable-next-line missing-timeout, unversioned-api -- the client sets a timeout',
    'await get("/items");',
    '// seamlint-disable-next-line missing-timeout',
    'await get("/stock");',
    'await get("/prices");',
  ].join('\n');
  const lines = new LineMap(text);
  const suppressions = new Map([[file, parseSuppressions(text)]]);
  const lineOf = (_file: string, offset: number) => lines.positionAt(offset).line;
  const at = (ruleId: string, line: number): Finding => {
    const start = lines.offsetAt({ line, character: 6 });
    return { ruleId, severity: 'warning', file, start, end: start + 3, message: 'm', related: [], fixes: [] };
  };
  const severities: Record<string, SeveritySetting> = {
    'missing-timeout': 'warning',
    'sync-call-chain': 'warning',
    'unversioned-api': 'off',
    'suppression-needs-reason': 'info',
    'unused-suppression': 'info',
  };
  const severityOf = (ruleId: string) => severities[ruleId] ?? 'off';
  const enabled = new Set(Object.keys(severities).filter((ruleId) => severities[ruleId] !== 'off'));
  const summary = (findings: Finding[]) =>
    findings.map((finding) => `${finding.ruleId}@${lineOf(file, finding.start)} ${finding.severity}: ${finding.message}`);

  it('drops suppressed findings, and reports reasonless and unused suppressions at their comments', () => {
    const findings = [at('missing-timeout', 4), at('missing-timeout', 7), at('sync-call-chain', 4), at('sync-call-chain', 7)];
    const result = applySuppressionFacts(findings, suppressions, lineOf, severityOf, enabled);
    expect(summary(result)).toEqual([
      'missing-timeout@7 warning: m',
      'suppression-needs-reason@5 info: This suppression of missing-timeout gives no reason: nobody can tell later whether it is still needed. Add the reason after " -- " at the end of the comment.',
      'unused-suppression@5 info: The suppression of missing-timeout is unused: there is no missing-timeout finding on the line it applies to, and a stale suppression would hide the next one without review. Remove missing-timeout from this comment.',
    ]);
    const unused = result[2]!;
    expect(text.slice(unused.start, unused.end)).toBe('// seamlint-disable-next-line missing-timeout');
  });

  it('does not judge suppressions of rules that did not run', () => {
    // unversioned-api is off: its suppression on line 3 is neither used nor reported.
    const result = applySuppressionFacts([at('missing-timeout', 4), at('missing-timeout', 6)], suppressions, lineOf, severityOf, enabled);
    expect(summary(result).filter((line) => line.startsWith('unused-suppression'))).toEqual([
      'unused-suppression@0 info: The suppression of sync-call-chain is unused: there is no sync-call-chain finding in this file, and a stale suppression would hide the next one without review. Remove sync-call-chain from this comment.',
    ]);
  });

  it('reports nothing of its own when both suppression rules are off', () => {
    const quiet = (ruleId: string) => (ruleId === 'suppression-needs-reason' || ruleId === 'unused-suppression' ? 'off' : severityOf(ruleId));
    expect(summary(applySuppressionFacts([at('missing-timeout', 7)], suppressions, lineOf, quiet, enabled))).toEqual([
      'missing-timeout@7 warning: m',
    ]);
  });

  it('reports an unknown rule id with a suggestion when the known rules are given', () => {
    const typo = '// seamlint-disable-next-line missing-timout -- typo\ncall();';
    const byFile = new Map([['/w/typo.ts', parseSuppressions(typo)]]);
    const result = applySuppressionFacts([], byFile, () => 1, severityOf, enabled, new Set(testRules.map((rule) => rule.id)));
    expect(result.map((finding) => [finding.ruleId, finding.message])).toEqual([
      ['unused-suppression', '"missing-timout" is not a seamlint rule, so this suppression suppresses nothing. Did you mean "missing-timeout"?'],
    ]);
  });

  it('lets a file-wide suppression cover the missing-reason findings', () => {
    const source = [
      '// seamlint-disable suppression-needs-reason -- legacy file, reasons pending',
      '// seamlint-disable-next-line missing-timeout',
      'call();',
    ].join('\n');
    const map = new LineMap(source);
    const call = map.offsetAt({ line: 2, character: 0 });
    const finding: Finding = { ruleId: 'missing-timeout', severity: 'warning', file, start: call, end: call + 4, message: 'm', related: [], fixes: [] };
    const result = applySuppressionFacts(
      [finding],
      new Map([[file, parseSuppressions(source)]]),
      (_file, offset) => map.positionAt(offset).line,
      severityOf,
      enabled,
    );
    expect(result).toEqual([]);
  });
});

describe('applySuppressions (from settings)', () => {
  it('takes severities, the enabled rules and the known ids from the settings', () => {
    const file = '/w/a.ts';
    const text = '// seamlint-disable-next-line unversioned-api, missing-timeout -- reviewed\ncall();\n// seamlint-disable-next-line no-such-rule -- x\ncall();';
    const settings = resolveRuleSettings(defaultConfig(), testRules);
    const facts: Map<string, SuppressionFact[]> = new Map([[file, parseSuppressions(text)]]);
    const lines = new LineMap(text);
    const result = applySuppressions([], facts, settings, (path) => (path === file ? lines : undefined));
    expect(result.map((finding) => `${finding.ruleId} ${finding.severity} ${finding.start}: ${finding.message}`)).toEqual([
      'unused-suppression info 0: The suppression of missing-timeout is unused: there is no missing-timeout finding on the line it applies to, and a stale suppression would hide the next one without review. Remove missing-timeout from this comment.',
      'unused-suppression info 83: "no-such-rule" is not a seamlint rule, so this suppression suppresses nothing. Fix the rule id or remove it.',
    ]);
  });
});
