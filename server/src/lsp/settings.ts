// Settings arrive from the client as untyped JSON (a settings UI, a Lua table): every field is checked, and a wrong
// one falls back to its default rather than reaching the engine.
import type { RunMode, SeamlintSettings, SeveritySetting } from './protocol.js';

export const DEFAULT_SETTINGS: SeamlintSettings = { enable: true, run: 'onType', rules: {}, configPath: null, base: null, allowGit: true };

/** Rules that run git, turned off where git must not run. */
export const GIT_RULES: readonly string[] = ['breaking-contract-change'];

export function parseSettings(raw: unknown): SeamlintSettings {
  const value = isRecord(raw) ? raw : {};
  const rules: Record<string, SeveritySetting> = {};
  if (isRecord(value.rules)) {
    // Unknown severities go through: the engine reports them as a problem naming the setting, which is more helpful.
    for (const [ruleId, severity] of Object.entries(value.rules)) if (typeof severity === 'string') rules[ruleId] = severity as SeveritySetting;
  }
  return {
    enable: typeof value.enable === 'boolean' ? value.enable : DEFAULT_SETTINGS.enable,
    run: value.run === 'onSave' || value.run === 'onType' ? (value.run as RunMode) : DEFAULT_SETTINGS.run,
    rules,
    configPath: nonEmptyString(value.configPath),
    base: nonEmptyString(value.base),
    allowGit: typeof value.allowGit === 'boolean' ? value.allowGit : DEFAULT_SETTINGS.allowGit,
  };
}

function nonEmptyString(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
