// Schemas: values built with zod, valibot, Joi or yup, JSON schemas that ajv compiles, and schemas derived from another
// module's schema. For each: whether it rejects unknown keys and where that is written (zod `.strict()` / `z.strictObject`,
// valibot `strictObject`, Joi objects — strict by default unless `.unknown(true)` —, yup `.noUnknown()`, JSON schema
// `additionalProperties: false`), with the safe rewrite that lets unknown keys through; the schemas it uses by name; and
// its `z.any()`/`z.unknown()` parts. The calls that validate data with a schema are in schema-validations.ts.
import ts from 'typescript';
import type { FactsAdapter } from '../facts/adapter.js';
import type { SchemaFact, SchemaRef, StrictnessMarker } from '../facts/contract-types.js';
import type { FileIndex } from '../facts/file-index.js';
import { originOf } from '../facts/origins.js';
import { staticPropertyName, unwrapExpression } from '../facts/syntax.js';
import { appendToCall, removeChainLink, removeProperty, renameCallee, type Edit } from './schema-edits.js';
import { collectValidations } from './schema-validations.js';

export type SchemaLibrary = 'zod' | 'valibot' | 'joi' | 'yup';

export function schemaLibraryOf(module: string | undefined): SchemaLibrary | undefined {
  if (module === undefined) return undefined;
  if (module === 'zod' || module.startsWith('zod/')) return 'zod';
  if (module === 'valibot') return 'valibot';
  if (module === 'joi' || module === '@hapi/joi') return 'joi';
  if (module === 'yup') return 'yup';
  return undefined;
}

/** A value built with a schema library: its library and the steps from the library's namespace (`['object', '()']`). */
export function schemaOrigin(file: FileIndex, expression: ts.Expression): { library: SchemaLibrary; path: string[] } | undefined {
  const origin = originOf(file, expression);
  const library = schemaLibraryOf(origin?.module);
  if (!origin || !library) return undefined;
  // `import { z } from 'zod'` puts the namespace one step down.
  const path = library === 'zod' && origin.path[0] === 'z' ? origin.path.slice(1) : origin.path;
  return { library, path };
}

/**
 * Files that neither import a validation library, nor call a validating method, nor write a JSON schema keyword, nor derive
 * a schema have nothing for this adapter: a text check keeps it cheap on large repositories.
 */
const MAY_HAVE_SCHEMAS =
  /['"](?:zod|valibot|joi|@hapi\/joi|yup|ajv|class-validator)(?:\/[\w./-]*)?['"]|\.(?:parse|safeParse|parseAsync|safeParseAsync|spa|decode|validate|validateAsync|validateSync|isValid|isValidSync|cast|strict|passthrough|noUnknown|unknown|extend|keys)\s*\(|additionalProperties|ValidationPipe/;

export const schemasAdapter: FactsAdapter = {
  name: 'schemas',
  extract(file, facts) {
    if (!MAY_HAVE_SCHEMAS.test(file.text)) return;
    const reader = new SchemaReader(file);
    const seen = new Set<ts.VariableDeclaration>();
    for (const expression of [...file.calls, ...file.objectLiterals]) {
      const variable = file.assignedVariable(expression);
      if (!variable?.initializer || seen.has(variable) || unwrapExpression(variable.initializer) !== expression) continue;
      seen.add(variable);
      const fact = ts.isObjectLiteralExpression(expression) ? reader.jsonSchema(expression, variable) : reader.schema(expression, variable);
      if (fact) facts.schemas.push(fact);
    }
    collectValidations(file, reader, facts);
    facts.schemas.push(...reader.inlineSchemas);
  },
};

interface ChainLink {
  name: string;
  call: ts.CallExpression;
}

interface ChainState {
  markers: StrictnessMarker[];
  tolerant: boolean;
}

/** Methods that derive a schema from another one (any library): a chain of them on a named schema is a derived schema. */
const DERIVING_METHODS = new Set([
  'strict', 'passthrough', 'loose', 'strip', 'catchall', 'extend', 'safeExtend', 'merge', 'pick', 'omit', 'partial', 'required',
  'deepPartial', 'keys', 'append', 'unknown', 'options', 'prefs', 'noUnknown', 'shape', 'concat', 'optional', 'nullable', 'nullish',
  'describe', 'meta', 'refine', 'superRefine', 'brand', 'readonly', 'default', 'label',
]);

export class SchemaReader {
  /** Schemas written at a validation call (`z.object({…}).parse(x)`), added when the validations are read. */
  readonly inlineSchemas: SchemaFact[] = [];

  constructor(private readonly file: FileIndex) {}

  /** A schema-library chain or a derived schema held by a variable (or written inline when `variable` is undefined). */
  schema(expression: ts.Expression, variable?: ts.VariableDeclaration): SchemaFact | undefined {
    const unwrapped = unwrapExpression(expression);
    if (!ts.isCallExpression(unwrapped)) return undefined;
    const { links, base } = chainOf(unwrapped);
    const library = schemaOrigin(this.file, base)?.library;
    const baseRef = this.refOf(base);
    const derived = !library && baseRef !== undefined && links.length > 0 && links.every((link) => DERIVING_METHODS.has(link.name));
    if (!library && !derived) return undefined;
    const top = this.evaluate(links, library ?? '');
    const fact: SchemaFact = {
      ...this.file.span(expression),
      library: library ?? '',
      exported: variable ? this.file.isExportedVariable(variable) : false,
      references: [],
      strictness: [...top.markers],
      loose: [],
    };
    if (variable && ts.isIdentifier(variable.name)) fact.name = variable.name.text;
    if (baseRef && (derived || this.isLocalSchemaName(base))) fact.base = baseRef;
    if (top.tolerant) fact.tolerant = true;
    this.collectInside(unwrapped, fact);
    fact.strictness.sort((a, b) => a.start - b.start);
    fact.loose.sort((a, b) => a.start - b.start);
    return fact;
  }

  /** A JSON schema object literal: one that says `additionalProperties` somewhere, or that ajv is given here. */
  jsonSchema(literal: ts.ObjectLiteralExpression, variable?: ts.VariableDeclaration, force = false): SchemaFact | undefined {
    const markers: StrictnessMarker[] = [];
    let mentionsAdditional = false;
    walkNodes(literal, (node) => {
      if (!ts.isPropertyAssignment(node) || staticPropertyName(node.name) !== 'additionalProperties') return;
      mentionsAdditional = true;
      const owner = this.file.parentOf(node);
      if (node.initializer.kind !== ts.SyntaxKind.FalseKeyword || !owner || !ts.isObjectLiteralExpression(owner)) return;
      markers.push(this.marker(node, 'json-schema', 'additionalProperties: false', removeProperty(this.file, owner, node), 'Remove `additionalProperties: false`'));
    });
    if (!mentionsAdditional && !force) return undefined;
    markers.sort((a, b) => a.start - b.start);
    const fact: SchemaFact = {
      ...this.file.span(literal),
      library: 'json-schema',
      exported: variable ? this.file.isExportedVariable(variable) : false,
      references: [],
      strictness: markers,
      loose: [],
    };
    if (variable && ts.isIdentifier(variable.name)) fact.name = variable.name.text;
    return fact;
  }

  /** A local or imported name a schema can be referenced by; undefined for library namespaces and anything else. */
  refOf(expression: ts.Expression): SchemaRef | undefined {
    const node = unwrapExpression(expression);
    if (!ts.isIdentifier(node)) return undefined;
    const declaration = this.file.lookup(node)?.node;
    if (!declaration) return undefined;
    if (ts.isImportSpecifier(declaration) || ts.isImportClause(declaration)) {
      const importDeclaration = this.file.ancestor(declaration, ts.isImportDeclaration);
      const specifier = importDeclaration && ts.isStringLiteral(importDeclaration.moduleSpecifier) ? importDeclaration.moduleSpecifier.text : undefined;
      if (specifier === undefined || schemaLibraryOf(specifier)) return undefined;
      return { specifier, name: ts.isImportSpecifier(declaration) ? (declaration.propertyName ?? declaration.name).text : 'default' };
    }
    return ts.isVariableDeclaration(declaration) ? { local: node.text } : undefined;
  }

  private isLocalSchemaName(expression: ts.Expression): boolean {
    return ts.isIdentifier(unwrapExpression(expression)) && this.refOf(expression) !== undefined;
  }

  /** Markers of nested chains, references to other schemas by name, and `any`/`unknown` parts. */
  private collectInside(root: ts.CallExpression, fact: SchemaFact): void {
    const references = new Map<string, SchemaRef>();
    walkNodes(root, (node) => {
      if (ts.isCallExpression(node) && node !== root && this.isChainTop(node)) {
        const { links, base } = chainOf(node);
        const library = schemaOrigin(this.file, base)?.library;
        if (library) fact.strictness.push(...this.evaluate(links, library).markers);
      }
      if (ts.isCallExpression(node)) {
        const callee = schemaOrigin(this.file, node.expression);
        const last = callee?.path[callee.path.length - 1];
        if (callee && (callee.library === 'zod' || callee.library === 'valibot') && callee.path.length === 1 && (last === 'any' || last === 'unknown')) {
          fact.loose.push(this.file.span(node));
        }
      }
      if (ts.isIdentifier(node) && node !== root.expression && isValuePosition(this.file, node)) {
        const ref = this.refOf(node);
        if (ref) references.set('local' in ref ? ref.local : `${ref.specifier}#${ref.name}`, ref);
      }
    });
    const own = fact.base && ('local' in fact.base ? fact.base.local : `${fact.base.specifier}#${fact.base.name}`);
    fact.references = [...references.entries()].filter(([key]) => key !== own).map(([, ref]) => ref);
  }

  /** A call that is not the receiver of a further method call: the end of its chain. */
  private isChainTop(call: ts.CallExpression): boolean {
    const parent = this.file.parentOf(call);
    if (!parent || !ts.isPropertyAccessExpression(parent) || parent.expression !== call) return true;
    const grand = this.file.parentOf(parent);
    return !grand || !ts.isCallExpression(grand) || grand.expression !== parent;
  }

  /** What a chain of method calls leaves in force, applying each library's meaning of its methods in order. */
  private evaluate(links: readonly ChainLink[], library: SchemaLibrary | ''): ChainState {
    const state: ChainState = { markers: [], tolerant: false };
    let emptyJoiObject: ts.CallExpression | undefined;
    const reset = (tolerant: boolean) => {
      state.markers = [];
      state.tolerant = tolerant;
    };
    for (const { name, call } of links) {
      const argument = call.arguments[0];
      const isTrue = argument === undefined || argument.kind === ts.SyntaxKind.TrueKeyword;
      if (library === 'zod' || library === 'valibot' || library === '') {
        if (name === 'strictObject' && library !== '') {
          reset(false);
          const member = ts.isPropertyAccessExpression(call.expression) ? call.expression.name : call.expression;
          state.markers.push(this.marker(member, library, `${library === 'zod' ? 'z.' : ''}strictObject`, renameCallee(this.file, call, 'object'), 'Use `object` instead of `strictObject`'));
        } else if ((name === 'object' || name === 'looseObject') && library !== '') reset(name === 'looseObject');
        else if (name === 'strict' && library !== 'valibot' && ts.isPropertyAccessExpression(call.expression)) {
          reset(false);
          state.markers.push(this.marker(call.expression.name, 'zod', '.strict()', removeChainLink(call), 'Remove `.strict()`'));
        } else if (['passthrough', 'loose', 'strip', 'catchall'].includes(name) && library !== 'valibot') reset(true);
      }
      if (library === 'joi' || library === '') {
        if (name === 'object' && library === 'joi') {
          reset(false);
          // `Joi.object()` without keys accepts any keys until `.keys({…})` gives it some.
          if (call.arguments.length > 0) state.markers.push(this.joiMarker(call));
          else emptyJoiObject = call;
        } else if ((name === 'keys' || name === 'append') && emptyJoiObject && call.arguments.length > 0) {
          state.markers.push(this.joiMarker(emptyJoiObject));
          emptyJoiObject = undefined;
        } else if (name === 'unknown' && isTrue) reset(true);
        else if ((name === 'options' || name === 'prefs') && allowsUnknownOption(argument)) reset(true);
      }
      if ((library === 'yup' || library === '') && name === 'noUnknown' && ts.isPropertyAccessExpression(call.expression)) {
        const disables = argument?.kind === ts.SyntaxKind.FalseKeyword;
        reset(disables);
        if (!disables) state.markers.push(this.marker(call.expression.name, 'yup', '.noUnknown()', removeChainLink(call), 'Remove `.noUnknown()`'));
      } else if (library === 'yup' && name === 'object') reset(false);
    }
    return state;
  }

  private joiMarker(call: ts.CallExpression): StrictnessMarker {
    const marker = this.marker(call, 'joi', 'Joi.object()', appendToCall(call, '.unknown(true)'), 'Add `.unknown(true)`');
    // Reported at `Joi.object(`: the callee, not the whole (often multi-line) call.
    return { ...marker, end: call.expression.end };
  }

  marker(node: ts.Node, library: string, written: string, fix: Edit[], fixTitle: string): StrictnessMarker {
    return { ...this.file.span(node), library, written, fix, fixTitle };
  }
}

/** `a.b(…).c(…)` → links [b, c] (innermost first) and base `a`; a named-import call `object(…)` is a link on its own callee. */
export function chainOf(call: ts.CallExpression): { links: ChainLink[]; base: ts.Expression } {
  const links: ChainLink[] = [];
  let current: ts.Expression = call;
  for (let depth = 0; depth < 256; depth++) {
    const node = unwrapExpression(current);
    if (!ts.isCallExpression(node)) return { links: links.reverse(), base: node };
    const callee = unwrapExpression(node.expression);
    if (ts.isPropertyAccessExpression(callee)) {
      links.push({ name: callee.name.text, call: node });
      current = callee.expression;
    } else if (ts.isIdentifier(callee)) {
      links.push({ name: callee.text, call: node });
      return { links: links.reverse(), base: callee };
    } else {
      return { links: links.reverse(), base: callee };
    }
  }
  return { links: links.reverse(), base: current };
}

/** `{ allowUnknown: true }` (Joi preferences). */
export function allowsUnknownOption(options: ts.Expression | undefined): boolean {
  const object = options && unwrapExpression(options);
  if (!object || !ts.isObjectLiteralExpression(object)) return false;
  return object.properties.some((p) => ts.isPropertyAssignment(p) && staticPropertyName(p.name) === 'allowUnknown' && p.initializer.kind === ts.SyntaxKind.TrueKeyword);
}

/** Where an identifier is used as a value a schema is built from: an argument, a property value, an element, a chain's base. */
function isValuePosition(file: FileIndex, identifier: ts.Identifier): boolean {
  const parent = file.parentOf(identifier);
  if (!parent) return false;
  if (ts.isPropertyAssignment(parent)) return parent.initializer === identifier;
  if (ts.isShorthandPropertyAssignment(parent) || ts.isArrayLiteralExpression(parent)) return true;
  if (ts.isCallExpression(parent)) return parent.arguments.includes(identifier);
  return ts.isPropertyAccessExpression(parent) && parent.expression === identifier;
}

/** Visit a subtree (explicit stack: schema expressions can nest deeply). */
export function walkNodes(root: ts.Node, visit: (node: ts.Node) => void): void {
  const stack: ts.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(node);
    ts.forEachChild(node, (child) => {
      stack.push(child);
    });
  }
}
