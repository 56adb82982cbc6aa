// The JSON schema (draft-07) of seamlint.config.json. One source for validation (ajv) and for editors (schema.json),
// so the two cannot drift; the rule list is an argument because each rule contributes its id and option schema.
import type { OptionsSchema, RuleMeta } from '../rule-api.js';
import type { SeveritySetting } from '../types.js';

export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['error', 'warning', 'info', 'off'];

export type JsonSchema = Record<string, unknown>;

const SEVERITY_REF = { $ref: '#/definitions/severity' };

const stringList = (description: string): JsonSchema => ({
  type: 'array',
  description,
  items: { type: 'string', minLength: 1 },
  default: [],
});

export function buildConfigSchema(rules: readonly RuleMeta[]): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'seamlint configuration',
    description: 'seamlint.config.json: services, rule severities and options, and what to analyze. Data only; no code is run.',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string', description: 'The JSON schema of this file, for completion and validation in editors.' },
      services: {
        type: 'object',
        description:
          'Services by name, for when discovery (Dockerfiles, docker-compose, Kubernetes, Nx, entrypoints) finds the wrong ones. ' +
          'When present, this list is the whole truth: nothing else is a service.',
        default: {},
        additionalProperties: {
          type: 'object',
          description: 'A service: its folder and what addresses it.',
          additionalProperties: false,
          required: ['root'],
          properties: {
            root: { type: 'string', minLength: 1, description: "The service's folder, relative to the workspace root." },
            urls: stringList('Environment variable names (ORDERS_URL) and base URLs (http://orders:3000) that address this service.'),
          },
        },
      },
      rules: {
        type: 'object',
        description: 'Rule severities and options by rule id: "error", "warning", "info", "off", or [severity, { options }].',
        default: {},
        additionalProperties: false,
        properties: Object.fromEntries(rules.map((rule) => [rule.id, ruleSettingSchema(rule)])),
      },
      ignore: stringList('Globs, relative to the workspace root, of files not to analyze.'),
      include: stringList(
        'Globs, relative to the workspace root, of test, tooling or client-app files to report findings in too (by default only production code is reported).',
      ),
      notServices: stringList('Package folders, relative to the workspace root, that are never services, whatever the evidence.'),
      remoteCalls: {
        type: 'array',
        description: 'Functions that make remote calls where seamlint cannot see it (compiled or generated clients).',
        default: [],
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['module', 'export', 'kind'],
          properties: {
            module: { type: 'string', minLength: 1, description: 'The module specifier it is imported from (@acme/rpc).' },
            export: { type: 'string', minLength: 1, description: 'The exported name ("default" for the default export).' },
            kind: {
              type: 'string',
              enum: ['http', 'rpc'],
              description: 'http: an HTTP request; rpc: request/reply over a broker or gRPC.',
            },
          },
        },
      },
      contracts: stringList('Globs of contract modules, in addition to the conventional names (*.dto.ts, contracts/, events/, …).'),
      internalTypes: stringList('Globs of modules whose types must not cross a service boundary (leaked-internal-type).'),
      base: {
        type: 'string',
        minLength: 1,
        description: 'Git ref that breaking-contract-change compares with (default: the merge base with origin/main or main).',
      },
    },
    definitions: {
      severity: {
        type: 'string',
        enum: [...SEVERITY_SETTINGS],
        description: 'error fails the run; warning and info are reported; off disables the rule.',
      },
    },
  };
}

function ruleSettingSchema(rule: RuleMeta): JsonSchema {
  return {
    description: `${rule.description} Default: "${rule.severity}". ${rule.docsUrl}`,
    default: rule.severity,
    anyOf: [
      SEVERITY_REF,
      {
        type: 'array',
        description: 'The severity, then the options.',
        items: [SEVERITY_REF, optionsObjectSchema(rule.id, rule.options)],
        minItems: 1,
        additionalItems: false,
      },
    ],
  };
}

function optionsObjectSchema(ruleId: string, options: OptionsSchema): JsonSchema {
  return {
    type: 'object',
    description: `Options of ${ruleId}.`,
    additionalProperties: false,
    // Copied so later edits to the schema object can never reach the rule's own metadata.
    properties: Object.fromEntries(Object.entries(options).map(([name, option]) => [name, structuredClone(option)])),
  };
}
