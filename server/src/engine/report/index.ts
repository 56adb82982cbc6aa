// The report layer: config, severities, inline suppressions, fingerprints and the baseline.
// Order in a run: finalizeFindings → applySuppressions → assignFingerprints → applyBaseline.
export { ConfigError, type ConfigErrorLocation } from './config-error.js';
export {
  CONFIG_FILE_NAME,
  defaultConfig,
  loadConfig,
  parseConfigText,
  type LoadedConfig,
  type RemoteCallDeclaration,
  type RuleConfigEntry,
  type SeamlintConfig,
} from './config.js';
export { SEVERITY_SETTINGS, buildConfigSchema, type JsonSchema } from './config-schema.js';
export {
  enabledRuleIds,
  finalizeFindings,
  resolveRuleSettings,
  severityOf,
  type RuleSetting,
  type RuleSettings,
} from './severity.js';
export {
  SUPPRESSION_NEEDS_REASON,
  UNUSED_SUPPRESSION,
  applySuppressionFacts,
  applySuppressions,
  parseSuppressions,
} from './suppressions.js';
export { assignFingerprints, fingerprintFindings, relativePath } from './fingerprint.js';
export { applyBaseline, createBaseline, readBaseline, writeBaseline, type Baseline, type BaselineEntry } from './baseline.js';
export { closestMatch } from './suggest.js';
