import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { loadConfig, parseConfigText } from './config.js';
import { testRules } from './test-rules.js';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'seamlint-config-'));
  roots.push(root);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

/** The ConfigError that parsing `text` as seamlint.config.json throws. */
function configError(text: string): ConfigError {
  try {
    parseConfigText(text, '/work/seamlint.config.json', testRules);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('reads JSON with comments and trailing commas, filling in defaults', () => {
    const root = workspace({
      'seamlint.config.json': `{
        // editor completion
        "$schema": "./node_modules/seamlint/schema.json",
        "services": { "orders": { "root": "services/orders", "urls": ["ORDERS_URL",], }, "billing": { "root": "services/billing" } },
        /* severities */
        "rules": {
          "sync-call-chain": ["error", { "maxServices": 4, }],
          "unversioned-api": "warning",
          "missing-timeout": ["off"],
        },
        "remoteCalls": [{ "module": "@acme/rpc", "export": "call", "kind": "rpc" }],
        "include": ["**/*.e2e.ts"],
        "notServices": ["libs/shared/redis"],
        "base": "origin/main",
      }`,
    });
    expect(loadConfig(root, undefined, testRules)).toEqual({
      path: path.join(root, 'seamlint.config.json'),
      config: {
        services: {
          orders: { root: 'services/orders', urls: ['ORDERS_URL'] },
          billing: { root: 'services/billing', urls: [] },
        },
        rules: { 'sync-call-chain': ['error', { maxServices: 4 }], 'unversioned-api': 'warning', 'missing-timeout': 'off' },
        ignore: [],
        include: ['**/*.e2e.ts'],
        notServices: ['libs/shared/redis'],
        remoteCalls: [{ module: '@acme/rpc', export: 'call', kind: 'rpc' }],
        contracts: [],
        internalTypes: [],
        base: 'origin/main',
      },
    });
  });

  it('gives defaults and no path when the workspace has no config file', () => {
    expect(loadConfig(workspace({}), undefined, testRules)).toEqual({
      config: { services: {}, rules: {}, ignore: [], include: [], notServices: [], remoteCalls: [], contracts: [], internalTypes: [] },
    });
  });

  it('reads an explicit path relative to the root', () => {
    const root = workspace({ 'config/lint.json': '{ "ignore": ["**/generated/**"] }' });
    const loaded = loadConfig(root, 'config/lint.json', testRules);
    expect(loaded.path).toBe(path.join(root, 'config/lint.json'));
    expect(loaded.config.ignore).toEqual(['**/generated/**']);
  });

  it('rejects an explicit path that does not exist', () => {
    const root = workspace({});
    expect(() => loadConfig(root, 'config/missing.json', testRules)).toThrow(
      new ConfigError('config/missing.json: config file not found'),
    );
  });

  it('names the file relative to the root in errors', () => {
    const root = workspace({ 'config/lint.json': '{ "ignore": "x" }' });
    expect(() => loadConfig(root, 'config/lint.json', testRules)).toThrow(
      'config/lint.json: ignore: must be an array, not a string ("x")',
    );
  });
});

describe('config errors', () => {
  it('suggests the closest key for an unknown top-level key and points at the key', () => {
    const error = configError('{ "servics": {} }');
    expect(error.message).toBe('seamlint.config.json: servics: unknown key; did you mean "services"?');
    expect(error.keyPath).toBe('servics');
    expect(error.location).toEqual({ file: '/work/seamlint.config.json', offset: 2, length: 9 });
  });

  it('suggests the closest rule id for an unknown rule', () => {
    const error = configError('{ "rules": { "missing-timout": "warning" } }');
    expect(error.message).toBe('seamlint.config.json: rules.missing-timout: unknown rule; did you mean "missing-timeout"?');
    expect(error.keyPath).toBe('rules.missing-timout');
  });

  it('points to the rule list when no rule id is close', () => {
    expect(configError('{ "rules": { "no-such-thing": "warning" } }').message).toBe(
      'seamlint.config.json: rules.no-such-thing: unknown rule; run "seamlint rules" to list the rules',
    );
  });

  it('rejects a bad severity, with a suggestion', () => {
    expect(configError('{ "rules": { "missing-timeout": "warn" } }').message).toBe(
      'seamlint.config.json: rules.missing-timeout: must be "error", "warning", "info" or "off", or ["<severity>", { options }]; did you mean "warning"?',
    );
    const inArray = configError('{ "rules": { "missing-timeout": ["eror", {}] } }');
    expect(inArray.message).toBe(
      'seamlint.config.json: rules.missing-timeout[0]: must be "error", "warning", "info" or "off"; did you mean "error"?',
    );
    expect(inArray.keyPath).toBe('rules.missing-timeout[0]');
  });

  it('rejects an option value of the wrong type with its key path', () => {
    const error = configError('{ "rules": { "sync-call-chain": ["warning", { "maxServices": "3" }] } }');
    expect(error.message).toBe(
      'seamlint.config.json: rules.sync-call-chain[1].maxServices: must be a number, not a string ("3")',
    );
    expect(error.keyPath).toBe('rules.sync-call-chain[1].maxServices');
    expect(error.location).toEqual({ file: '/work/seamlint.config.json', offset: 61, length: 3 });
  });

  it('rejects an option value outside its range or enum', () => {
    expect(configError('{ "rules": { "sync-call-chain": ["warning", { "maxServices": 1 }] } }').message).toBe(
      'seamlint.config.json: rules.sync-call-chain[1].maxServices: must be at least 2',
    );
    expect(configError('{ "rules": { "sync-call-chain": ["warning", { "mode": "lose" }] } }').message).toBe(
      'seamlint.config.json: rules.sync-call-chain[1].mode: must be "strict" or "loose"; did you mean "loose"?',
    );
  });

  it('rejects an unknown option key with a suggestion, or the list of options', () => {
    const error = configError('{ "rules": { "sync-call-chain": ["warning", { "maxServics": 3 }] } }');
    expect(error.message).toBe(
      'seamlint.config.json: rules.sync-call-chain[1].maxServics: unknown option; did you mean "maxServices"?',
    );
    expect(error.keyPath).toBe('rules.sync-call-chain[1].maxServics');
    expect(configError('{ "rules": { "sync-call-chain": ["warning", { "depth": 3 }] } }').message).toBe(
      'seamlint.config.json: rules.sync-call-chain[1].depth: unknown option; sync-call-chain accepts "maxServices", "mode" or "allow"',
    );
    expect(configError('{ "rules": { "unversioned-api": ["warning", { "depth": 3 }] } }').message).toBe(
      'seamlint.config.json: rules.unversioned-api[1].depth: unknown option; unversioned-api has no options',
    );
  });

  it('rejects a malformed rule entry', () => {
    expect(configError('{ "rules": { "missing-timeout": [] } }').message).toBe(
      'seamlint.config.json: rules.missing-timeout: must be ["<severity>"] or ["<severity>", { options }], where severity is "error", "warning", "info" or "off"',
    );
  });

  it('reports missing and misspelled keys inside services and remoteCalls', () => {
    expect(configError('{ "services": { "orders": { "urls": [] } } }').message).toBe(
      'seamlint.config.json: services.orders: missing required key "root"',
    );
    expect(configError('{ "services": { "orders": { "root": "a", "url": [] } } }').message).toBe(
      'seamlint.config.json: services.orders.url: unknown key; did you mean "urls"?',
    );
    expect(configError('{ "services": { "orders.v2": { "root": "" } } }').message).toBe(
      'seamlint.config.json: services["orders.v2"].root: must not be empty',
    );
    expect(configError('{ "remoteCalls": [{ "module": "a", "export": "b", "kind": "soap" }] }').message).toBe(
      'seamlint.config.json: remoteCalls[0].kind: must be "http" or "rpc"',
    );
  });

  it('rejects a config that is not an object', () => {
    const error = configError('["rules"]');
    expect(error.message).toBe('seamlint.config.json: must be an object, not an array');
    expect(error.keyPath).toBe('');
  });

  it('reports a syntax error on one line with line:column', () => {
    const error = configError('{\n  // services\n  "ignore": ["a"]\n  "base": "main"\n}');
    expect(error.message).toBe("seamlint.config.json:4:3: invalid JSON: expected ','");
    expect(error.location).toEqual({ file: '/work/seamlint.config.json', offset: 36, length: 6 });
    expect(configError('').message).toBe('seamlint.config.json:1:1: invalid JSON: expected a value');
  });
});
