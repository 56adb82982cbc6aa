// Which rules run, at what severity and with which options: rule defaults, then the config, then CLI/editor overrides.
import { defaultOptions, type RawFinding, type RuleMeta } from '../rule-api.js';
import type { Finding, Severity, SeveritySetting } from '../types.js';
import { ConfigError } from './config-error.js';
import { SEVERITY_SETTINGS } from './config-schema.js';
import type { SeamlintConfig } from './config.js';
import { didYouMean, quotedList } from './suggest.js';

export interface RuleSetting {
  severity: SeveritySetting;
  options: Record<string, unknown>;
}

/** Keyed by rule id; holds every known rule, including those turned off. */
export type RuleSettings = Map<string, RuleSetting>;

/**
 * Merges, per rule: its default severity and option defaults, the config's entry, then `overrides` (`--rule id=severity`,
 * or the editor's `seamlint.rules`), which change the severity only. An unknown id or severity in the overrides is a
 * ConfigError naming `overridesSource`.
 */
export function resolveRuleSettings(
  config: SeamlintConfig,
  rules: readonly RuleMeta[],
  overrides: Record<string, SeveritySetting> = {},
  overridesSource = '--rule',
): RuleSettings {
  const known = rules.map((rule) => rule.id);
  const settings: RuleSettings = new Map();
  for (const rule of rules) {
    settings.set(rule.id, { severity: rule.severity, options: defaultOptions(rule.options) });
  }
  for (const [ruleId, entry] of Object.entries(config.rules)) {
    const setting = settings.get(ruleId);
    // loadConfig has already rejected unknown ids; a config built in code gets the same message.
    if (!setting) throw new ConfigError(`rules.${ruleId}: unknown rule${didYouMean(ruleId, known)}`, `rules.${ruleId}`);
    if (typeof entry === 'string') {
      setting.severity = entry;
    } else {
      setting.severity = entry[0];
      setting.options = { ...setting.options, ...entry[1] };
    }
  }
  for (const [ruleId, severity] of Object.entries(overrides)) {
    const setting = settings.get(ruleId);
    if (!setting) throw new ConfigError(`${overridesSource} ${ruleId}: unknown rule${didYouMean(ruleId, known)}`, ruleId);
    // Overrides come straight from a command line or a settings UI: their type is a hope, not a guarantee.
    if (!SEVERITY_SETTINGS.includes(severity)) {
      const problem = `must be ${quotedList(SEVERITY_SETTINGS)}${didYouMean(String(severity), SEVERITY_SETTINGS)}`;
      throw new ConfigError(`${overridesSource} ${ruleId}=${String(severity)}: ${problem}`, ruleId);
    }
    setting.severity = severity;
  }
  return settings;
}

/** Ids of the rules that run (severity other than off). */
export function enabledRuleIds(settings: RuleSettings): Set<string> {
  return new Set([...settings].filter(([, setting]) => setting.severity !== 'off').map(([ruleId]) => ruleId));
}

/** The severity a rule's findings get; 'off' for rules not in `settings`. */
export function severityOf(settings: RuleSettings, ruleId: string): SeveritySetting {
  return settings.get(ruleId)?.severity ?? 'off';
}

/**
 * Gives each finding its rule's configured severity and drops findings of rules that are off.
 * A finding from a rule missing from `settings` is dropped too: only registered rules can be configured or documented.
 */
export function finalizeFindings(raw: readonly RawFinding[], settings: RuleSettings): Finding[] {
  const findings: Finding[] = [];
  for (const finding of raw) {
    const severity = severityOf(settings, finding.ruleId);
    if (severity === 'off') continue;
    findings.push({ ...finding, severity: severity satisfies Severity });
  }
  return findings;
}
