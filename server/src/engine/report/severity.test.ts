import { describe, expect, it } from 'vitest';
import type { RawFinding } from '../rule-api.js';
import type { SeveritySetting } from '../types.js';
import { ConfigError } from './config-error.js';
import { defaultConfig } from './config.js';
import { enabledRuleIds, finalizeFindings, resolveRuleSettings } from './severity.js';
import { testRules } from './test-rules.js';

describe('resolveRuleSettings', () => {
  it('starts from each rule’s default severity and options', () => {
    const settings = resolveRuleSettings(defaultConfig(), testRules);
    expect(Object.fromEntries(settings)).toEqual({
      'missing-timeout': { severity: 'warning', options: { defaultTimeoutMs: 10000 } },
      'sync-call-chain': { severity: 'warning', options: { maxServices: 3, mode: 'strict', allow: [] } },
      'unversioned-api': { severity: 'off', options: {} },
      'suppression-needs-reason': { severity: 'info', options: {} },
      'unused-suppression': { severity: 'info', options: {} },
    });
    expect([...enabledRuleIds(settings)]).toEqual([
      'missing-timeout',
      'sync-call-chain',
      'suppression-needs-reason',
      'unused-suppression',
    ]);
  });

  it('applies the config over the defaults, then the CLI overrides over the config', () => {
    const config = defaultConfig();
    config.rules = { 'sync-call-chain': ['error', { maxServices: 5 }], 'unversioned-api': 'warning', 'missing-timeout': 'off' };
    const settings = resolveRuleSettings(config, testRules, { 'sync-call-chain': 'info', 'missing-timeout': 'error' });
    expect(settings.get('sync-call-chain')).toEqual({ severity: 'info', options: { maxServices: 5, mode: 'strict', allow: [] } });
    expect(settings.get('unversioned-api')).toEqual({ severity: 'warning', options: {} });
    expect(settings.get('missing-timeout')).toEqual({ severity: 'error', options: { defaultTimeoutMs: 10000 } });
  });

  it('rejects an unknown rule id in the overrides with a suggestion', () => {
    expect(() => resolveRuleSettings(defaultConfig(), testRules, { 'missing-timout': 'off' })).toThrow(
      new ConfigError('--rule missing-timout: unknown rule; did you mean "missing-timeout"?', 'missing-timout'),
    );
    expect(() =>
      resolveRuleSettings(defaultConfig(), testRules, { 'sync-chain': 'off' }, 'seamlint.rules'),
    ).toThrow('seamlint.rules sync-chain: unknown rule; did you mean "sync-call-chain"?');
  });

  it('rejects an override that is not a severity', () => {
    const overrides = { 'missing-timeout': 'warn' as SeveritySetting };
    let error: unknown;
    try {
      resolveRuleSettings(defaultConfig(), testRules, overrides);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(
      '--rule missing-timeout=warn: must be "error", "warning", "info" or "off"; did you mean "warning"?',
    );
    expect((error as ConfigError).keyPath).toBe('missing-timeout');
  });
});

describe('finalizeFindings', () => {
  const raw = (ruleId: string, start: number): RawFinding => ({
    ruleId,
    file: '/w/a.ts',
    start,
    end: start + 1,
    message: 'm',
    related: [],
    fixes: [],
  });

  it('sets each finding’s severity from the settings and drops rules that are off or unknown', () => {
    const config = defaultConfig();
    config.rules = { 'missing-timeout': 'error' };
    const settings = resolveRuleSettings(config, testRules);
    const findings = finalizeFindings(
      [raw('missing-timeout', 1), raw('unversioned-api', 2), raw('sync-call-chain', 3), raw('not-registered', 4)],
      settings,
    );
    expect(findings.map((finding) => [finding.ruleId, finding.severity, finding.start])).toEqual([
      ['missing-timeout', 'error', 1],
      ['sync-call-chain', 'warning', 3],
    ]);
  });
});
