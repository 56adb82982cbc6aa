import { describe, expect, it } from 'vitest';
import { factsOf, slice } from '../facts/testing.js';
import { applyEdits } from '../fixes/apply-edits.js';

/** Each schema as { name, library, strict markers as written text, loose parts }; fixes applied to show their result. */
function schemas(text: string) {
  return factsOf(text).schemas.map((schema) => ({
    name: schema.name,
    library: schema.library,
    strict: schema.strictness.map((marker) => slice(text, marker)),
    ...(schema.base ? { base: schema.base } : {}),
    ...(schema.tolerant ? { tolerant: true } : {}),
    ...(schema.loose.length > 0 ? { loose: schema.loose.map((span) => slice(text, span)) } : {}),
    ...(schema.references.length > 0 ? { references: schema.references } : {}),
  }));
}

function fixed(text: string, index = 0, marker = 0): string {
  return applyEdits(text, factsOf(text).schemas[index]!.strictness[marker]!.fix).text;
}

describe('zod and valibot schemas', () => {
  it('finds `.strict()` and `z.strictObject`, nested ones too, and lets a later `.passthrough()` win', () => {
    const text = [
      "import { z } from 'zod';",
      "import { CurrencySchema } from '@shop/contracts';",
      'export const Item = z',
      '  .object({ sku: z.string(), currency: CurrencySchema, extra: z.any(), nested: z.object({ a: z.string() }).strict() })',
      '  .strict();',
      'const Open = z.strictObject({ a: z.unknown() }).passthrough();',
      'const Closed = z.strictObject({ a: z.string() });',
    ].join('\n');
    expect(schemas(text)).toEqual([
      { name: 'Item', library: 'zod', strict: ['strict', 'strict'], loose: ['z.any()'], references: [{ specifier: '@shop/contracts', name: 'CurrencySchema' }] },
      { name: 'Open', library: 'zod', strict: [], tolerant: true, loose: ['z.unknown()'] },
      { name: 'Closed', library: 'zod', strict: ['strictObject'] },
    ]);
  });

  it('fixes by removing `.strict()` (with the line break before it) or renaming to `object`', () => {
    const text = "import { z } from 'zod';\nexport const Item = z\n  .object({ sku: z.string() })\n  .strict();\n";
    expect(fixed(text)).toBe("import { z } from 'zod';\nexport const Item = z\n  .object({ sku: z.string() });\n");
    expect(fixed("import { z } from 'zod';\nconst A = z.strictObject({});")).toBe("import { z } from 'zod';\nconst A = z.object({});");
    expect(fixed("import { strictObject } from 'valibot';\nconst A = strictObject({});")).toBe("import { strictObject, object } from 'valibot';\nconst A = object({});");
  });

  it('records a schema derived from an imported one, with the markers it adds', () => {
    const text = "import { CreateOrderRequestSchema } from '@shop/contracts';\nconst CreateOrderSchema = CreateOrderRequestSchema.strict();";
    expect(schemas(text)).toEqual([
      { name: 'CreateOrderSchema', library: '', strict: ['strict'], base: { specifier: '@shop/contracts', name: 'CreateOrderRequestSchema' } },
    ]);
    expect(factsOf(text).schemas[0]!.strictness[0]!.library).toBe('zod');
  });

  it('reads valibot strictObject and its any/unknown parts', () => {
    const text = "import * as v from 'valibot';\nconst A = v.strictObject({ a: v.string(), b: v.unknown() });\nconst B = v.looseObject({});";
    expect(schemas(text)).toEqual([
      { name: 'A', library: 'valibot', strict: ['strictObject'], loose: ['v.unknown()'] },
      { name: 'B', library: 'valibot', strict: [], tolerant: true },
    ]);
  });

  it('does not take a `.strict()` of something that is not a schema', () => {
    expect(schemas("import yup from 'yup';\nconst casting = yup.string().strict();\nconst config = loadConfig().strict();")).toEqual([
      { name: 'casting', library: 'yup', strict: [] },
    ]);
  });
});

describe('Joi, yup and JSON schemas', () => {
  it('takes Joi objects with keys as strict unless they allow unknown keys', () => {
    const text = [
      "import Joi from 'joi';",
      'const A = Joi.object({ a: Joi.string() });',
      'const B = Joi.object({ a: Joi.string() }).unknown(true);',
      'const C = Joi.object().keys({ a: Joi.string() });',
      'const D = Joi.object();',
      'const E = Joi.object({ a: Joi.string() }).options({ allowUnknown: true });',
    ].join('\n');
    expect(schemas(text)).toEqual([
      { name: 'A', library: 'joi', strict: ['Joi.object'] },
      { name: 'B', library: 'joi', strict: [], tolerant: true },
      { name: 'C', library: 'joi', strict: ['Joi.object'] },
      { name: 'D', library: 'joi', strict: [] },
      { name: 'E', library: 'joi', strict: [], tolerant: true },
    ]);
    expect(fixed(text, 0)).toContain('const A = Joi.object({ a: Joi.string() }).unknown(true);');
    expect(fixed(text, 2)).toContain('const C = Joi.object().unknown(true).keys({ a: Joi.string() });');
  });

  it('finds yup `.noUnknown()` and JSON schema `additionalProperties: false`, and removes them', () => {
    const text = [
      "import * as yup from 'yup';",
      'const A = yup.object({ a: yup.string() }).noUnknown();',
      'export const itemSchema = {',
      "  type: 'object',",
      '  additionalProperties: false,',
      "  properties: { sku: { type: 'string' } },",
      '};',
    ].join('\n');
    expect(schemas(text)).toEqual([
      { name: 'A', library: 'yup', strict: ['noUnknown'] },
      { name: 'itemSchema', library: 'json-schema', strict: ['additionalProperties: false'] },
    ]);
    expect(fixed(text, 0)).toContain('const A = yup.object({ a: yup.string() });');
    expect(fixed(text, 1)).toContain("  type: 'object',\n  properties:");
  });
});

describe('validations', () => {
  it('records what each call validates with which schema', () => {
    const text = [
      "import { z } from 'zod';",
      "import * as v from 'valibot';",
      "import Joi from 'joi';",
      "import Ajv from 'ajv';",
      "import { validate } from 'class-validator';",
      "import { ItemSchema } from './item.schema';",
      'const A = v.object({});',
      'const J = Joi.object({});',
      "const ajv = new Ajv({ removeAdditional: 'all' });",
      'const check = ajv.compile({ type: "object", additionalProperties: false });',
      'export async function f(x: unknown, o: object) {',
      '  ItemSchema.parse(x); JSON.parse("{}"); z.object({}).strict().safeParse(x); v.parse(A, x);',
      '  J.validate(x, { allowUnknown: true }); Joi.assert(x, J); check(x);',
      '  await validate(o, { whitelist: true, forbidNonWhitelisted: true });',
      '}',
    ].join('\n');
    const validations = factsOf(text).validations.map((fact) => ({
      call: slice(text, fact).split('(')[0],
      schema: 'inline' in fact.schema ? slice(text, fact.schema.inline) : fact.schema,
      input: slice(text, fact.input),
      ...(fact.allowsUnknown ? { allowsUnknown: true } : {}),
      ...(fact.strictness ? { strict: fact.strictness.map((marker) => slice(text, marker)) } : {}),
    }));
    expect(validations).toEqual([
      { call: 'ItemSchema.parse', schema: { specifier: './item.schema', name: 'ItemSchema' }, input: 'x' },
      { call: 'z.object', schema: 'z.object({}).strict()', input: 'x' },
      { call: 'v.parse', schema: { local: 'A' }, input: 'x' },
      { call: 'J.validate', schema: { local: 'J' }, input: 'x', allowsUnknown: true },
      { call: 'Joi.assert', schema: { local: 'J' }, input: 'x' },
      { call: 'check', schema: '{ type: "object", additionalProperties: false }', input: 'x', allowsUnknown: true },
      { call: 'validate', schema: 'o', input: 'o', strict: ['forbidNonWhitelisted: true'] },
    ]);
  });
});
