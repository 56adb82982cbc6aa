// Validates a parsed config against the schema with ajv and turns ajv's first error into one line a person can act on:
// the file, the key path (rules.sync-call-chain[1].maxServices) and the problem, with "did you mean …?" where it helps.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { findNodeAtLocation, type Node } from 'jsonc-parser';
import type { RuleMeta } from '../rule-api.js';
import { ConfigError, type ConfigErrorLocation } from './config-error.js';
import { SEVERITY_SETTINGS, buildConfigSchema } from './config-schema.js';
import { didYouMean, quotedList } from './suggest.js';

export interface ConfigSource {
  /** Absolute path, for error locations. */
  file: string;
  /** How messages name the file (relative to the workspace root when inside it). */
  displayName: string;
  tree: Node | undefined;
}

type Segment = string | number;

// Compiling the schema costs more than validating; the registry's rule list is one long-lived array.
const validators = new WeakMap<readonly RuleMeta[], ValidateFunction>();

function validatorFor(rules: readonly RuleMeta[]): ValidateFunction {
  let validate = validators.get(rules);
  if (!validate) {
    // allErrors off: we report one error, and ajv then stops early everywhere except inside anyOf.
    // verbose: errors carry the failing data and their parent schema, which the messages need.
    // strictTuples off: `[severity, options]` may leave out the options, so the tuple's minItems is 1 on purpose.
    validate = new Ajv({ allErrors: false, verbose: true, strictTuples: false }).compile(buildConfigSchema(rules));
    validators.set(rules, validate);
  }
  return validate;
}

/** Throws a ConfigError for the first problem in `value`; returns normally when it is a valid config. */
export function validateConfigValue(value: unknown, rules: readonly RuleMeta[], source: ConfigSource): void {
  const validate = validatorFor(rules);
  if (validate(value)) return;
  const error = pickError(validate.errors ?? []);
  if (!error) throw new ConfigError(`${source.displayName}: invalid configuration`);
  const segments = effectiveSegments(error, value);
  const keyPath = formatKeyPath(segments);
  const problem = describeProblem(error, segments);
  const where = keyPath === '' ? '' : `${keyPath}: `;
  throw new ConfigError(`${source.displayName}: ${where}${problem}`, keyPath, locate(source, segments, error));
}

/**
 * With anyOf, ajv reports every branch's failure plus the anyOf itself. The deepest failure is the one the user meant:
 * for `["warning", { "maxServices": "3" }]` it is the option's type, not "must be a string" from the severity branch.
 */
function pickError(errors: readonly ErrorObject[]): ErrorObject | undefined {
  let best: ErrorObject | undefined;
  let bestDepth = -1;
  for (const error of errors) {
    if (error.keyword === 'anyOf' || error.keyword === 'oneOf' || error.keyword === 'if') continue;
    const depth = pointerSegments(error.instancePath).length + (error.keyword === 'additionalProperties' ? 1 : 0);
    if (depth > bestDepth) {
      best = error;
      bestDepth = depth;
    }
  }
  return best;
}

/** The instance path as keys and array indexes; an unknown key's path ends with that key. */
function effectiveSegments(error: ErrorObject, root: unknown): Segment[] {
  const raw = pointerSegments(error.instancePath);
  if (error.keyword === 'additionalProperties') raw.push(String(error.params['additionalProperty']));
  const segments: Segment[] = [];
  let current: unknown = root;
  for (const key of raw) {
    if (Array.isArray(current)) {
      segments.push(Number(key));
      current = current[Number(key)];
    } else {
      segments.push(key);
      current = isRecord(current) ? current[key] : undefined;
    }
  }
  return segments;
}

function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `rules.sync-call-chain[1].maxServices`; keys that are not plain words are bracketed: `services["a.b"].root`. */
export function formatKeyPath(segments: readonly Segment[]): string {
  let path = '';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) path += path === '' ? segment : `.${segment}`;
    else path += `[${JSON.stringify(segment)}]`;
  }
  return path;
}

function describeProblem(error: ErrorObject, segments: readonly Segment[]): string {
  const { keyword, params, data } = error;
  if (keyword === 'additionalProperties') return describeUnknownKey(error, segments);
  if (segments.length === 2 && segments[0] === 'rules') return describeRuleSetting(data);
  switch (keyword) {
    case 'type':
      return `must be ${withArticle(String(params['type']))}, not ${describeValue(data)}`;
    case 'enum': {
      const allowed = (params['allowedValues'] as unknown[]).map(String);
      return `must be ${quotedList(allowed)}${typeof data === 'string' ? didYouMean(data, allowed) : ''}`;
    }
    case 'required':
      return `missing required key "${String(params['missingProperty'])}"`;
    case 'minLength':
      return 'must not be empty';
    case 'minimum':
      return `must be at least ${String(params['limit'])}`;
    case 'maximum':
      return `must be at most ${String(params['limit'])}`;
    case 'minItems':
      return `must have at least ${String(params['limit'])} item(s)`;
    case 'maxItems':
    case 'additionalItems':
      return `must have at most ${String(params['limit'])} item(s)`;
    default:
      return error.message ?? 'is invalid';
  }
}

function describeUnknownKey(error: ErrorObject, segments: readonly Segment[]): string {
  const key = String(segments.at(-1));
  const known = Object.keys(knownProperties(error));
  const parent = segments.slice(0, -1);
  if (parent.length === 1 && parent[0] === 'rules') {
    return `unknown rule${didYouMean(key, known) || '; run "seamlint rules" to list the rules'}`;
  }
  if (parent.length === 3 && parent[0] === 'rules' && parent[2] === 1) {
    const ruleId = String(parent[1]);
    const hint = known.length === 0 ? `; ${ruleId} has no options` : `; ${ruleId} accepts ${quotedList(known)}`;
    return `unknown option${didYouMean(key, known) || hint}`;
  }
  const hint = known.length === 0 ? '' : `; expected ${quotedList(known)}`;
  return `unknown key${didYouMean(key, known) || hint}`;
}

function describeRuleSetting(data: unknown): string {
  const severities = quotedList(SEVERITY_SETTINGS);
  if (Array.isArray(data)) return `must be ["<severity>"] or ["<severity>", { options }], where severity is ${severities}`;
  const suggestion = typeof data === 'string' ? didYouMean(data, SEVERITY_SETTINGS) : '';
  return `must be ${severities}, or ["<severity>", { options }]${suggestion}`;
}

function knownProperties(error: ErrorObject): Record<string, unknown> {
  const properties = isRecord(error.parentSchema) ? error.parentSchema['properties'] : undefined;
  return isRecord(properties) ? properties : {};
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `a string (${JSON.stringify(value)})`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${withArticle(typeof value)} (${String(value)})`;
  return withArticle(typeof value);
}

function withArticle(type: string): string {
  if (type === 'null') return 'null';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** Points at the key itself for unknown keys (that is what to rename or delete), else at the offending value. */
function locate(source: ConfigSource, segments: Segment[], error: ErrorObject): ConfigErrorLocation | undefined {
  if (!source.tree) return undefined;
  const node = findNodeAtLocation(source.tree, segments);
  if (!node) return undefined;
  const keyNode = error.keyword === 'additionalProperties' ? node.parent?.children?.[0] : undefined;
  const target = keyNode ?? node;
  return { file: source.file, offset: target.offset, length: target.length };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
