// Calls that validate a value with a schema, and what each one validates: `Schema.parse(x)` / `.safeParse(x)` (zod),
// `v.parse(Schema, x)` (valibot), `schema.validate(x, options)` (Joi, yup), `Joi.assert(x, schema)`, ajv's
// `ajv.validate(schema, x)` and the validators `ajv.compile(schema)` returns, class-validator's `validate(object, options)`.
// A method call on a name (`Item.parse(x)`) is recorded whatever the name holds: the model keeps it only when the name
// resolves to a schema, so `JSON.parse` or a query-string parser never count.
import ts from 'typescript';
import type { ExtractedFacts } from '../facts/adapter.js';
import type { SchemaRef, StrictnessMarker, ValidationFact } from '../facts/contract-types.js';
import type { FileIndex } from '../facts/file-index.js';
import { originOf } from '../facts/origins.js';
import { staticPropertyName, unwrapExpression } from '../facts/syntax.js';
import { removeProperty } from './schema-edits.js';
import { allowsUnknownOption, schemaOrigin, type SchemaReader } from './schemas.js';

/** Methods of a schema that validate their first argument (zod, Joi, yup). */
const VALIDATING_METHODS = new Set([
  'parse', 'safeParse', 'parseAsync', 'safeParseAsync', 'spa', 'decode', 'safeDecode', 'decodeAsync',
  'validate', 'validateAsync', 'validateSync', 'isValid', 'isValidSync', 'cast',
]);
/** Functions taking (schema, value): valibot, and zod 4's functional forms. */
const SCHEMA_FIRST_FUNCTIONS = new Set(['parse', 'safeParse', 'parseAsync', 'safeParseAsync', 'is', 'assert', 'decode']);
const CLASS_VALIDATOR_FUNCTIONS = new Set(['validate', 'validateOrReject', 'validateSync']);

export function collectValidations(file: FileIndex, reader: SchemaReader, facts: ExtractedFacts): void {
  for (const call of file.calls) {
    const fact = schemaMethodCall(file, reader, call) ?? libraryFunctionCall(file, reader, call) ?? compiledValidatorCall(file, reader, call);
    if (fact) facts.validations.push(fact);
  }
  for (const construction of file.constructions) facts.validations.push(...validationPipe(file, reader, construction));
}

/**
 * NestJS `new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true })` bound to handlers (`@UsePipes(…)` on a method
 * or a controller, `@Payload(pipe)`, `@Body(pipe)`): one validation per parameter it validates. What the parameter receives
 * — a consumed event, or the service's own request — decides whether that matters. Global pipes (`useGlobalPipes`) serve the
 * service's own HTTP requests and are left alone.
 */
function validationPipe(file: FileIndex, reader: SchemaReader, construction: ts.NewExpression): ValidationFact[] {
  const origin = originOf(file, construction.expression);
  if (origin?.module !== '@nestjs/common' || origin.path.length !== 1 || origin.path[0] !== 'ValidationPipe') return [];
  const strictness = forbidNonWhitelisted(file, reader, construction.arguments?.[0]);
  if (strictness.length === 0) return [];
  const decorated = file.ancestor(construction, ts.isDecorator);
  const target = decorated && file.parentOf(decorated);
  const parameters = !target
    ? []
    : ts.isParameter(target)
      ? [target]
      : ts.isMethodDeclaration(target)
        ? payloadParameters(file, target)
        : ts.isClassDeclaration(target)
          ? target.members.flatMap((member) => (ts.isMethodDeclaration(member) ? payloadParameters(file, member) : []))
          : [];
  return parameters.map((parameter) => ({
    ...file.span(parameter),
    library: 'class-validator',
    schema: { inline: file.span(construction) },
    input: file.span(parameter.name),
    strictness,
  }));
}

/** A handler's `@Payload()` / `@Body()` parameters. */
function payloadParameters(file: FileIndex, method: ts.MethodDeclaration): ts.ParameterDeclaration[] {
  return method.parameters.filter((parameter) =>
    (ts.getDecorators(parameter) ?? []).some((decorator) => {
      const call = unwrapExpression(decorator.expression);
      const origin = ts.isCallExpression(call) ? originOf(file, call.expression) : undefined;
      return origin?.module.startsWith('@nestjs/') === true && origin.path.length === 1 && (origin.path[0] === 'Payload' || origin.path[0] === 'Body');
    }),
  );
}

/** `Schema.parse(x)`, `schema.validate(x, { allowUnknown: true })`, `ajv.validate(schema, x)`. */
function schemaMethodCall(file: FileIndex, reader: SchemaReader, call: ts.CallExpression): ValidationFact | undefined {
  const callee = unwrapExpression(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !VALIDATING_METHODS.has(callee.name.text)) return undefined;
  const receiver = unwrapExpression(callee.expression);
  if (callee.name.text === 'validate' && isAjv(file, receiver)) return ajvValidation(file, reader, call, receiver, call.arguments[0], call.arguments[1]);
  const input = call.arguments[0];
  const schema = schemaArgument(reader, receiver);
  if (!input || !schema) return undefined;
  const fact: ValidationFact = { ...file.span(call), schema, input: file.span(input) };
  if (tolerantOptions(call.arguments[1])) fact.allowsUnknown = true;
  return fact;
}

/** valibot `v.parse(S, x)`, zod `z.parse(S, x)`, `Joi.assert(x, S)` / `Joi.attempt(x, S)`, class-validator `validate(o, options)`. */
function libraryFunctionCall(file: FileIndex, reader: SchemaReader, call: ts.CallExpression): ValidationFact | undefined {
  const origin = originOf(file, call.expression);
  if (!origin || origin.path.length === 0) return undefined;
  const name = origin.path[origin.path.length - 1]!;
  const library = schemaOrigin(file, call.expression)?.library;
  const args = call.arguments;
  if ((library === 'valibot' || library === 'zod') && SCHEMA_FIRST_FUNCTIONS.has(name) && args.length >= 2) {
    const schema = schemaArgument(reader, args[0]!);
    return schema && { ...file.span(call), library, schema, input: file.span(args[1]!) };
  }
  if (library === 'joi' && (name === 'assert' || name === 'attempt') && args.length >= 2) {
    const schema = schemaArgument(reader, args[1]!);
    if (!schema) return undefined;
    const fact: ValidationFact = { ...file.span(call), library, schema, input: file.span(args[0]!) };
    if (tolerantOptions(args[args.length - 1])) fact.allowsUnknown = true;
    return fact;
  }
  if (origin.module === 'class-validator' && origin.path.length === 1 && CLASS_VALIDATOR_FUNCTIONS.has(name) && args[0]) {
    const fact: ValidationFact = { ...file.span(call), library: 'class-validator', schema: { inline: file.span(args[0]) }, input: file.span(args[0]) };
    const strictness = forbidNonWhitelisted(file, reader, args[1]);
    if (strictness.length > 0) fact.strictness = strictness;
    return fact;
  }
  return undefined;
}

/** `const check = ajv.compile(schema); check(x)`. */
function compiledValidatorCall(file: FileIndex, reader: SchemaReader, call: ts.CallExpression): ValidationFact | undefined {
  const callee = unwrapExpression(call.expression);
  if (!ts.isIdentifier(callee) || !call.arguments[0]) return undefined;
  const declaration = file.lookup(callee)?.node;
  const initializer = declaration && ts.isVariableDeclaration(declaration) && declaration.initializer ? unwrapExpression(declaration.initializer) : undefined;
  if (!initializer || !ts.isCallExpression(initializer)) return undefined;
  const compile = unwrapExpression(initializer.expression);
  if (!ts.isPropertyAccessExpression(compile) || compile.name.text !== 'compile' || !isAjv(file, unwrapExpression(compile.expression))) return undefined;
  return ajvValidation(file, reader, call, unwrapExpression(compile.expression), initializer.arguments[0], call.arguments[0]);
}

function ajvValidation(file: FileIndex, reader: SchemaReader, call: ts.CallExpression, ajv: ts.Expression, schemaExpression: ts.Expression | undefined, input: ts.Expression | undefined): ValidationFact | undefined {
  if (!schemaExpression || !input) return undefined;
  const schema = schemaArgument(reader, schemaExpression, true);
  if (!schema) return undefined;
  const fact: ValidationFact = { ...file.span(call), library: 'ajv', schema, input: file.span(input) };
  if (removesAdditional(file, ajv)) fact.allowsUnknown = true;
  return fact;
}

/** A schema given as a name (resolved by the model) or written in place (recorded as an inline schema). */
function schemaArgument(reader: SchemaReader, expression: ts.Expression, jsonSchema = false): SchemaRef | { inline: { start: number; end: number } } | undefined {
  const node = unwrapExpression(expression);
  if (ts.isIdentifier(node)) return reader.refOf(node);
  const inline = jsonSchema && ts.isObjectLiteralExpression(node) ? reader.jsonSchema(node, undefined, true) : ts.isCallExpression(node) ? reader.schema(node) : undefined;
  if (!inline) return undefined;
  reader.inlineSchemas.push(inline);
  return { inline: { start: inline.start, end: inline.end } };
}

/** An ajv instance: `new Ajv()`, `new Ajv2020()`, the default export called or constructed, through variables and members. */
function isAjv(file: FileIndex, expression: ts.Expression): boolean {
  const origin = originOf(file, expression);
  return origin !== undefined && (origin.module === 'ajv' || origin.module.startsWith('ajv/')) && origin.path[origin.path.length - 1] === 'new';
}

/** `new Ajv({ removeAdditional: true | 'all' | 'failing' })`: unknown keys are dropped instead of rejected. */
function removesAdditional(file: FileIndex, ajv: ts.Expression): boolean {
  let current = unwrapExpression(ajv);
  for (let steps = 0; steps < 4 && ts.isIdentifier(current); steps++) {
    const declaration = file.lookup(current)?.node;
    if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return false;
    current = unwrapExpression(declaration.initializer);
  }
  if (!ts.isNewExpression(current)) return false;
  const options = current.arguments?.[0] && unwrapExpression(current.arguments[0]);
  if (!options || !ts.isObjectLiteralExpression(options)) return false;
  return options.properties.some((p) => ts.isPropertyAssignment(p) && staticPropertyName(p.name) === 'removeAdditional' && p.initializer.kind !== ts.SyntaxKind.FalseKeyword);
}

/** Joi `allowUnknown: true`, Joi/yup `stripUnknown: true`: unknown keys pass or are dropped. */
function tolerantOptions(options: ts.Expression | undefined): boolean {
  if (allowsUnknownOption(options)) return true;
  const object = options && unwrapExpression(options);
  return !!object && ts.isObjectLiteralExpression(object) && object.properties.some((p) => ts.isPropertyAssignment(p) && staticPropertyName(p.name) === 'stripUnknown' && p.initializer.kind === ts.SyntaxKind.TrueKeyword);
}

/** class-validator `{ whitelist: true, forbidNonWhitelisted: true }`: the option property, with its removal as the fix. */
function forbidNonWhitelisted(file: FileIndex, reader: SchemaReader, options: ts.Expression | undefined): StrictnessMarker[] {
  const object = options && unwrapExpression(options);
  if (!object || !ts.isObjectLiteralExpression(object)) return [];
  const isTrue = (name: string) => object.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && staticPropertyName(p.name) === name && p.initializer.kind === ts.SyntaxKind.TrueKeyword);
  const forbid = isTrue('forbidNonWhitelisted');
  // Without `whitelist`, forbidNonWhitelisted has nothing to forbid.
  if (!forbid || !isTrue('whitelist')) return [];
  return [reader.marker(forbid, 'class-validator', 'forbidNonWhitelisted: true', removeProperty(file, object, forbid), 'Remove `forbidNonWhitelisted: true`')];
}
