import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { buildConfigSchema, type JsonSchema } from './config-schema.js';
import { testRules } from './test-rules.js';

/** Paths of every property schema (in `properties` or `additionalProperties`) that has no description. */
function undescribed(schema: unknown, at = '#'): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const node = schema as JsonSchema;
  const missing: string[] = [];
  const properties = (node['properties'] ?? {}) as Record<string, JsonSchema>;
  for (const [name, property] of Object.entries(properties)) {
    if (typeof property['description'] !== 'string') missing.push(`${at}/properties/${name}`);
  }
  for (const [key, child] of Object.entries(node)) {
    if (Array.isArray(child)) child.forEach((item, i) => missing.push(...undescribed(item, `${at}/${key}/${i}`)));
    else missing.push(...undescribed(child, `${at}/${key}`));
  }
  return missing;
}

describe('buildConfigSchema', () => {
  const schema = buildConfigSchema(testRules);
  const properties = schema['properties'] as Record<string, JsonSchema>;
  const ruleProperties = properties['rules']!['properties'] as Record<string, JsonSchema>;

  it('is a draft-07 schema without unknown keys at the top level', () => {
    expect(schema['$schema']).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema['additionalProperties']).toBe(false);
    expect(Object.keys(properties)).toEqual([
      '$schema',
      'services',
      'rules',
      'ignore',
      'include',
      'notServices',
      'remoteCalls',
      'contracts',
      'internalTypes',
      'base',
    ]);
  });

  it('accepts only the known rule ids, each a severity or [severity, options]', () => {
    expect(properties['rules']!['additionalProperties']).toBe(false);
    expect(Object.keys(ruleProperties)).toEqual(testRules.map((rule) => rule.id));
    expect(ruleProperties['sync-call-chain']).toEqual({
      description:
        'Synchronous call chains must stay short. Default: "warning". https://github.com/seamlint/seamlint/blob/main/rules/docs/sync-call-chain.md',
      default: 'warning',
      anyOf: [
        { $ref: '#/definitions/severity' },
        {
          type: 'array',
          description: 'The severity, then the options.',
          items: [
            { $ref: '#/definitions/severity' },
            {
              type: 'object',
              description: 'Options of sync-call-chain.',
              additionalProperties: false,
              properties: {
                maxServices: { type: 'number', default: 3, minimum: 2, description: 'Longest allowed chain.' },
                mode: { type: 'string', default: 'strict', enum: ['strict', 'loose'], description: 'How chains are counted.' },
                allow: { type: 'array', items: { type: 'string' }, default: [], description: 'Service globs allowed in chains.' },
              },
            },
          ],
          minItems: 1,
          additionalItems: false,
        },
      ],
    });
    expect(schema['definitions']).toEqual({
      severity: {
        type: 'string',
        enum: ['error', 'warning', 'info', 'off'],
        description: 'error fails the run; warning and info are reported; off disables the rule.',
      },
    });
  });

  it('describes every property', () => {
    expect(undescribed(schema)).toEqual([]);
  });

  it('does not share objects with the rules it was built from', () => {
    const options = (ruleProperties['sync-call-chain']!['anyOf'] as JsonSchema[])[1]!['items'] as JsonSchema[];
    const allow = (options[1]!['properties'] as Record<string, JsonSchema>)['allow']!;
    expect(allow).not.toBe(testRules[1]!.options['allow']);
    expect(allow['items']).not.toBe((testRules[1]!.options['allow'] as { items: unknown }).items);
  });

  it('is accepted by ajv in strict mode, apart from the deliberately open tuple', () => {
    const validate = new Ajv({ strictTuples: false }).compile(schema);
    expect(validate({ rules: { 'sync-call-chain': ['error', { allow: ['orders'] }] }, ignore: [] })).toBe(true);
    expect(validate({ rules: { 'sync-call-chain': ['error', { allow: [1] }] } })).toBe(false);
  });
});
