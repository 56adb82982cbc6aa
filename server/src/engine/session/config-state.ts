// The config as an editor session needs it: never an exception. A broken seamlint.config.json becomes one problem with
// the location of the offending key (shown as one diagnostic on that file) and the defaults apply everywhere else;
// a bad editor override (`seamlint.rules`) is dropped on its own, the others still apply.
import path from 'node:path';
import type { RuleMeta } from '../rule-api.js';
import {
  CONFIG_FILE_NAME,
  ConfigError,
  defaultConfig,
  loadConfig,
  parseConfigText,
  resolveRuleSettings,
  type RuleSettings,
  type SeamlintConfig,
} from '../report/index.js';
import type { SetupProblem, SeveritySetting } from '../types.js';

/** A config problem the editor can place: offsets into the config file's text. */
export interface ConfigProblem extends SetupProblem {
  file: string;
  start: number;
  end: number;
}

export interface ConfigOptions {
  /** `seamlint.configPath` / `--config`: relative to the root, or absolute. */
  configPath?: string;
  /** Severity overrides from the editor's settings (`seamlint.rules`). */
  ruleOverrides?: Record<string, SeveritySetting>;
  /** Git ref contracts are compared with (`seamlint.base`); beats the config's `base`. */
  base?: string;
}

export interface ConfigState {
  /** Absolute path of the config file in effect (it may not exist: defaults then). */
  file: string;
  config: SeamlintConfig;
  settings: RuleSettings;
  /** At most one: the first thing wrong with the config file. */
  configProblem?: ConfigProblem;
  /** Editor overrides that were dropped. */
  overrideProblems: SetupProblem[];
}

export function configFileOf(root: string, options: ConfigOptions): string {
  return path.resolve(root, options.configPath ?? CONFIG_FILE_NAME);
}

/** `overlayText` is the unsaved text of the config file when it is open in the editor. */
export function loadConfigState(root: string, options: ConfigOptions, rules: readonly RuleMeta[], overlayText?: string): ConfigState {
  const file = configFileOf(root, options);
  let config: SeamlintConfig;
  let configProblem: ConfigProblem | undefined;
  try {
    config = overlayText === undefined ? loadConfig(root, options.configPath, rules).config : parseConfigText(overlayText, file, rules, path.relative(root, file) || file);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    config = defaultConfig();
    const at = error.location?.file === file ? error.location : undefined;
    configProblem = { file, start: at?.offset ?? 0, end: (at?.offset ?? 0) + (at?.length ?? 0), message: error.message };
  }
  if (options.base !== undefined) config.base = options.base;

  const overrideProblems: SetupProblem[] = [];
  const overrides: Record<string, SeveritySetting> = {};
  for (const [ruleId, severity] of Object.entries(options.ruleOverrides ?? {})) {
    try {
      resolveRuleSettings(defaultConfig(), rules, { [ruleId]: severity }, 'seamlint.rules');
      overrides[ruleId] = severity;
    } catch (error) {
      overrideProblems.push({ message: error instanceof Error ? error.message : String(error) });
    }
  }
  // The config was validated against these rules, so only a config built in code could still be refused here.
  let settings: RuleSettings;
  try {
    settings = resolveRuleSettings(config, rules, overrides, 'seamlint.rules');
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    configProblem ??= { file, start: 0, end: 0, message: error.message };
    config = defaultConfig();
    settings = resolveRuleSettings(config, rules, overrides, 'seamlint.rules');
  }
  return { file, config, settings, ...(configProblem ? { configProblem } : {}), overrideProblems };
}
