// Loading seamlint.config.json: JSON with comments, validated against the schema the rules define, with defaults for
// everything left out. Data only: nothing in the config is ever executed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RuleMeta } from '../rule-api.js';
import type { SeveritySetting } from '../types.js';
import { ConfigError } from './config-error.js';
import { validateConfigValue } from './config-validate.js';
import { parseJsonDocument } from './jsonc.js';

export const CONFIG_FILE_NAME = 'seamlint.config.json';

export type RuleConfigEntry = SeveritySetting | [SeveritySetting, Record<string, unknown>];

export interface RemoteCallDeclaration {
  module: string;
  export: string;
  kind: 'http' | 'rpc';
}

export interface SeamlintConfig {
  /** Service roots are as written: relative to the workspace root. */
  services: Record<string, { root: string; urls: string[] }>;
  rules: Record<string, RuleConfigEntry>;
  ignore: string[];
  /** Globs of test, tooling or client-app files to report in too (by default only production code is reported). */
  include: string[];
  /** Package folders that are never services, whatever the evidence. */
  notServices: string[];
  remoteCalls: RemoteCallDeclaration[];
  contracts: string[];
  internalTypes: string[];
  base?: string;
}

export interface LoadedConfig {
  /** Absolute path of the file read; absent when there is none and defaults apply. */
  path?: string;
  config: SeamlintConfig;
}

export function defaultConfig(): SeamlintConfig {
  return { services: {}, rules: {}, ignore: [], include: [], notServices: [], remoteCalls: [], contracts: [], internalTypes: [] };
}

/**
 * Reads `<root>/seamlint.config.json`, or `explicitPath` (resolved against `root`; pass an absolute path for one relative
 * to the current directory). No file at the default location means defaults; an explicit path that is missing is an
 * error, because the user asked for that file. Throws ConfigError with a one-line message.
 */
export function loadConfig(root: string, explicitPath: string | undefined, rules: readonly RuleMeta[]): LoadedConfig {
  const file = path.resolve(root, explicitPath ?? CONFIG_FILE_NAME);
  const displayName = displayPath(root, file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && explicitPath === undefined) return { config: defaultConfig() };
    const reason = code === 'ENOENT' ? 'config file not found' : `cannot read config file (${code ?? String(error)})`;
    throw new ConfigError(`${displayName}: ${reason}`);
  }
  return { path: file, config: parseConfigText(text, file, rules, displayName) };
}

/** Validates config text (also unsaved editor buffers) and fills in defaults. Throws ConfigError. */
export function parseConfigText(
  text: string,
  file: string,
  rules: readonly RuleMeta[],
  displayName: string = path.basename(file),
): SeamlintConfig {
  const { value, tree } = parseJsonDocument(text, file, displayName);
  validateConfigValue(value, rules, { file, displayName, tree });
  // The schema has just vouched for this shape.
  return withDefaults(value as RawConfig);
}

/** The config as the schema allows it to be written: every key optional, `[severity]` allowed. */
interface RawConfig {
  services?: Record<string, { root: string; urls?: string[] }>;
  rules?: Record<string, SeveritySetting | [SeveritySetting] | [SeveritySetting, Record<string, unknown>]>;
  ignore?: string[];
  include?: string[];
  notServices?: string[];
  remoteCalls?: RemoteCallDeclaration[];
  contracts?: string[];
  internalTypes?: string[];
  base?: string;
}

function withDefaults(raw: RawConfig): SeamlintConfig {
  const config = defaultConfig();
  for (const [name, service] of Object.entries(raw.services ?? {})) {
    config.services[name] = { root: service.root, urls: service.urls ?? [] };
  }
  for (const [ruleId, entry] of Object.entries(raw.rules ?? {})) {
    // `["warning"]` says no more than "warning"; normalizing spares every reader the one-element case.
    config.rules[ruleId] = typeof entry === 'string' ? entry : entry.length === 1 ? entry[0] : [entry[0], entry[1]];
  }
  config.ignore = raw.ignore ?? [];
  config.include = raw.include ?? [];
  config.notServices = raw.notServices ?? [];
  config.remoteCalls = raw.remoteCalls ?? [];
  config.contracts = raw.contracts ?? [];
  config.internalTypes = raw.internalTypes ?? [];
  if (raw.base !== undefined) config.base = raw.base;
  return config;
}

/** Relative to the workspace root when inside it (what people recognize), else absolute. */
function displayPath(root: string, file: string): string {
  const relative = path.relative(root, file);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}
