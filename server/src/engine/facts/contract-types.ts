// Library-neutral facts about contracts (rules.md vocabulary "Contract"): where a value crosses a service boundary,
// the schemas that validate data, and the calls that validate it. Adapters (adapters/contract-sites.ts,
// adapters/schemas.ts) know `res.json`, `ctx.body =`, `z.strictObject` or `Joi.object()`; the model and the rules only
// read "a response body", "a schema that rejects unknown keys", "a validation of this value with that schema".
import type { Span } from './types.js';

/**
 * A value handed to another service or received from a client, where the code does it. Span = the handing-over node
 * (the `res.json(x)` call, the `ctx.body = x` assignment, the `return x` statement, the `channel.publish(…)` call, the
 * `@Body()` parameter).
 */
export interface ContractSiteFact extends Span {
  /**
   * 'response': an HTTP response body or a request/reply answer the service sends; 'request': an inbound request body the
   * service receives; 'message': a message or event payload the service publishes.
   */
  kind: 'response' | 'request' | 'message';
  /** 'express', 'fastify', 'koa', 'hono', 'nestjs'; for messages the broker library ('amqplib', 'kafkajs', 'bullmq', …). */
  library: string;
  /** The body or payload expression (for `Buffer.from(JSON.stringify(x))` this is `x`); for a Nest `@Body()` parameter, its name. */
  value: Span;
  /** The function whose code this is (a FunctionFact id), when it is inside one. */
  functionId?: string;
  /** A declared type for the value: a Nest handler's return type annotation, a `@Body()` parameter's type. */
  typeAnnotation?: Span;
  /** The value was serialized on the way out (`JSON.stringify`, `Buffer.from`): the wire carries its JSON form. */
  serialized?: boolean;
}

/** A schema referenced by name: a local binding, or an export of another module. */
export type SchemaRef = { local: string } | { specifier: string; name: string };

/** Something in a schema (or in the options of a validation) that makes it reject unknown keys. */
export interface StrictnessMarker extends Span {
  /**
   * The library in which this marker means "reject unknown keys". A schema derived from an imported one (`Imported.strict()`)
   * keeps only the markers of the library the imported schema turns out to be built with (yup's `.strict()` is about casting).
   */
  library: string;
  /** How the code says it, for messages: '.strict()', 'z.strictObject', 'Joi.object()', 'additionalProperties: false'. */
  written: string;
  /** The safe fix: edits in this file that keep the schema but let unknown keys through. Empty when there is no safe rewrite. */
  fix: Array<{ start: number; end: number; newText: string }>;
  /** The fix's title ('Remove `.strict()`'). */
  fixTitle: string;
}

/**
 * A schema value: a chain built with a validation library (zod, valibot, Joi, yup), a JSON schema object literal that ajv
 * compiles, or a schema derived from another module's schema (`CreateOrderRequestSchema.strict()`). Span = the expression.
 */
export interface SchemaFact extends Span {
  /** 'zod', 'valibot', 'joi', 'yup', 'json-schema'; '' when derived from an imported schema whose library the model resolves. */
  library: string;
  /** The variable holding it (`export const ItemSchema = …`). */
  name?: string;
  exported: boolean;
  /** The schema this one is derived from, when it is named (`Base.extend(…)`, `Imported.strict()`). */
  base?: SchemaRef;
  /** Other schemas used by name inside it (`z.array(ItemSchema)`): what they reject, this one rejects too. */
  references: SchemaRef[];
  /** Markers written in the expression that reject unknown keys (nested objects included), still in force at its end. */
  strictness: StrictnessMarker[];
  /** The expression ends by letting unknown keys through (`.passthrough()`, `.unknown(true)`): markers of its base do not apply. */
  tolerant?: boolean;
  /** `z.any()`, `z.unknown()` (and valibot's `any()`, `unknown()`) inside it: loose parts of a contract. */
  loose: Span[];
}

/** A call that validates a value with a schema: `Schema.parse(x)`, `v.parse(Schema, x)`, `schema.validate(x)`, `ajv.validate(s, x)`. */
export interface ValidationFact extends Span {
  /** The library, when the call itself says (valibot `v.parse`, ajv, class-validator); otherwise the schema's library decides. */
  library?: string;
  /** The schema: a name to resolve, or the span of a schema written at the call (a SchemaFact with that span). */
  schema: SchemaRef | { inline: Span };
  /** The value validated. */
  input: Span;
  /** Options at the call let unknown keys through (Joi `allowUnknown: true`, ajv `removeAdditional`). */
  allowsUnknown?: boolean;
  /** Options at the call that reject unknown keys (class-validator `forbidNonWhitelisted: true`). */
  strictness?: StrictnessMarker[];
}

/**
 * A mapped field of a persistence class (PersistenceFact.fields): a column, or a relation to another model. What the
 * "Extract contract type" fix copies into a DTO (columns only), and what a reader of the table layout sees.
 */
export interface PersistenceField extends Span {
  name: string;
  /** The declared type as written ('string | null', 'OrderStatus'); '' when the property has no annotation. */
  type: string;
  /** `name?:`. */
  optional: boolean;
  /** A relation (`@ManyToOne`, `@OneToMany`, …) or an embedded object, not a column. */
  relation: boolean;
}
