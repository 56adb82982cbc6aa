// Where a value comes from, syntactically: which imported module, and which steps (property reads, calls,
// construction) lead from the module's export object to the value. This per-file data flow over variable
// initializers is what lets adapters recognise `channel.consume(...)` as amqplib after
// `const conn = await amqp.connect(url); const channel = await conn.createChannel();` — by the import, never by a name.
import ts from 'typescript';
import type { FileIndex } from './file-index.js';
import { isFunctionLiteral, returnedExpression, staticPropertyName, stringLiteralValue, unwrapExpression } from './syntax.js';

export interface ValueOrigin {
  /** The module specifier the value was imported from, without a `node:` prefix ('axios', 'amqplib/callback_api', 'http'). */
  module: string;
  /**
   * Steps from the module's export object (default import, namespace import and `require()` are all the export object):
   * a property name, '()' for a call, 'new' for construction, '=>N' for the Nth parameter of a callback passed to the
   * preceding call (Node-style callbacks deliver their result as '=>1').
   */
  path: string[];
}

/** How many steps a resolution may take before giving up. Real library usage takes about ten (the amqplib callback API:
 * channel → callback parameter → createChannel() → connection → callback parameter → connect() → import is seven). */
const RESOLUTION_BUDGET = 24;

/** Adapters ask about the same expressions repeatedly; results are cached per file and expression. */
const originCaches = new WeakMap<FileIndex, Map<ts.Node, ValueOrigin | undefined>>();

export function originOf(file: FileIndex, expression: ts.Expression): ValueOrigin | undefined {
  const origin = resolve(file, expression, { remaining: RESOLUTION_BUDGET, exhausted: false });
  // A full-budget answer is final even when the budget ran out: asking again would run out the same way.
  cacheOf(file).set(expression, origin);
  return origin;
}

function cacheOf(file: FileIndex): Map<ts.Node, ValueOrigin | undefined> {
  let cache = originCaches.get(file);
  if (!cache) originCaches.set(file, (cache = new Map()));
  return cache;
}

/** True when the value is used where a module-free global is meant: the identifier is not declared anywhere visible. */
export function isUnshadowedGlobal(file: FileIndex, expression: ts.Expression, name: string): boolean {
  const unwrapped = unwrapExpression(expression);
  if (ts.isIdentifier(unwrapped)) return unwrapped.text === name && file.isGlobal(unwrapped);
  // globalThis.fetch / window.fetch / self.fetch
  return (
    ts.isPropertyAccessExpression(unwrapped) &&
    unwrapped.name.text === name &&
    ts.isIdentifier(unwrapped.expression) &&
    ['globalThis', 'window', 'self', 'global'].includes(unwrapped.expression.text) &&
    file.isGlobal(unwrapped.expression)
  );
}

/** The module a `require('x')` or `import('x')` call loads, when `require` is the real one. */
export function loadedModuleSpecifier(file: FileIndex, call: ts.CallExpression): string | undefined {
  const specifier = stringLiteralValue(call.arguments[0]);
  if (specifier === undefined) return undefined;
  if (call.expression.kind === ts.SyntaxKind.ImportKeyword) return specifier;
  if (ts.isIdentifier(call.expression) && call.expression.text === 'require' && call.arguments.length === 1 && file.isGlobal(call.expression)) {
    return specifier;
  }
  return undefined;
}

interface Budget {
  remaining: number;
  /** Set when some step ran out of budget: a miss computed then is not a real miss and must not be cached. */
  exhausted: boolean;
}

function extend(origin: ValueOrigin | undefined, ...steps: string[]): ValueOrigin | undefined {
  return origin ? { module: origin.module, path: [...origin.path, ...steps] } : undefined;
}

function fromModule(specifier: string, path: string[]): ValueOrigin {
  const module = specifier.startsWith('node:') ? specifier.slice(5) : specifier;
  // `import x from 'm'` and `require('m').default` both mean the export object for CommonJS libraries.
  return { module, path: path[0] === 'default' ? path.slice(1) : path };
}

function resolve(file: FileIndex, expression: ts.Expression, budget: Budget): ValueOrigin | undefined {
  const cache = cacheOf(file);
  if (cache.has(expression)) return cache.get(expression);
  const exhaustedBefore = budget.exhausted;
  budget.exhausted = false;
  const origin = resolveUncached(file, expression, budget);
  // A found origin is final; a miss is final only when the budget did not run out while looking.
  if (origin || !budget.exhausted) cache.set(expression, origin);
  budget.exhausted ||= exhaustedBefore;
  return origin;
}

function resolveUncached(file: FileIndex, expression: ts.Expression, budget: Budget): ValueOrigin | undefined {
  if (--budget.remaining < 0) {
    budget.exhausted = true;
    return undefined;
  }
  const node = unwrapExpression(expression);

  if (ts.isIdentifier(node)) return identifierOrigin(file, node, budget);

  // `options.requestFn ?? request`: an injected override for tests, else the library. What is known is the fallback.
  if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || node.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
    return resolve(file, node.left, budget) ?? resolve(file, node.right, budget);
  }

  if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
    const name = ts.isPropertyAccessExpression(node) ? node.name.text : stringLiteralValue(node.argumentExpression);
    if (name === undefined) return undefined;
    if (node.expression.kind === ts.SyntaxKind.ThisKeyword) return thisMemberOrigin(file, node, name, budget);
    const base = resolve(file, node.expression, budget);
    if (base && base.path.length === 0 && name === 'default') return base;
    return extend(base, name);
  }

  if (ts.isCallExpression(node)) {
    const loaded = loadedModuleSpecifier(file, node);
    if (loaded !== undefined) return fromModule(loaded, []);
    // promise.then(value => value.x()): the callback's result is what the chain yields.
    const callee = node.expression;
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'then') {
      const callback = node.arguments[0];
      if (callback && isFunctionLiteral(callback)) {
        const returned = returnedExpression(callback);
        return returned ? resolve(file, returned, budget) : undefined;
      }
    }
    const localFunction = ts.isIdentifier(callee) ? localFunctionDeclaration(file, callee) : undefined;
    if (localFunction) {
      // `function createApp() { const app = express(); …; return app; }` then `createApp().listen(3000)`.
      const returned = returnedExpression(localFunction);
      return returned ? resolve(file, returned, budget) : undefined;
    }
    return extend(resolve(file, callee, budget), '()');
  }

  if (ts.isNewExpression(node)) return extend(resolve(file, node.expression, budget), 'new');

  return undefined;
}

function identifierOrigin(file: FileIndex, identifier: ts.Identifier, budget: Budget): ValueOrigin | undefined {
  const declaration = file.lookup(identifier);
  if (!declaration) return undefined;
  const node = declaration.node;

  if (ts.isImportClause(node) || ts.isNamespaceImport(node) || ts.isImportSpecifier(node)) {
    const importDeclaration = file.ancestor(node, ts.isImportDeclaration);
    const specifier = importDeclaration && stringLiteralValue(importDeclaration.moduleSpecifier as ts.Expression);
    if (specifier === undefined) return undefined;
    if (ts.isImportSpecifier(node)) return fromModule(specifier, [(node.propertyName ?? node.name).text]);
    return fromModule(specifier, []);
  }
  if (ts.isImportEqualsDeclaration(node)) {
    if (!ts.isExternalModuleReference(node.moduleReference)) return undefined;
    const specifier = stringLiteralValue(node.moduleReference.expression);
    return specifier === undefined ? undefined : fromModule(specifier, []);
  }
  if (ts.isVariableDeclaration(node)) {
    if (!node.initializer) return typedValueOrigin(file, node.type, budget);
    const initialized = resolve(file, node.initializer, budget);
    if (node.type) return initialized ?? typedValueOrigin(file, node.type, budget);
    // Made by a factory of another module but returned as a declared type: the declared type says what it is.
    const returned = returnedValueOrigin(file, node, budget);
    return returned && returned.module !== initialized?.module ? returned : (initialized ?? returned);
  }
  if (ts.isBindingElement(node)) return bindingElementOrigin(file, node, budget);
  if (ts.isParameter(node)) return parameterOrigin(file, node, budget);
  return undefined;
}

/** A function declared in this file under that name (`function f() {}` or `const f = () => …`). */
function localFunctionDeclaration(file: FileIndex, identifier: ts.Identifier): ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression | undefined {
  const node = file.lookup(identifier)?.node;
  if (!node) return undefined;
  if (ts.isFunctionDeclaration(node)) return node.body ? node : undefined;
  if (ts.isVariableDeclaration(node) && node.initializer) {
    const initializer = unwrapExpression(node.initializer);
    if (isFunctionLiteral(initializer)) return initializer;
  }
  return undefined;
}

/** `const { connect } = require('amqplib')`, `const { a: { b } } = x`: the owner's origin plus the property path. */
function bindingElementOrigin(file: FileIndex, element: ts.BindingElement, budget: Budget): ValueOrigin | undefined {
  const steps: string[] = [];
  let current: ts.Node = element;
  while (ts.isBindingElement(current)) {
    const pattern = file.parentOf(current);
    if (!pattern) return undefined;
    if (ts.isObjectBindingPattern(pattern)) {
      const key = staticPropertyName(current.propertyName) ?? (ts.isIdentifier(current.name) ? current.name.text : undefined);
      if (key === undefined) return undefined;
      steps.unshift(key);
    } else {
      steps.unshift(`[${(pattern as ts.ArrayBindingPattern).elements.indexOf(current)}]`);
    }
    const owner = file.parentOf(pattern);
    if (!owner) return undefined;
    current = owner;
  }
  if (ts.isVariableDeclaration(current) && current.initializer) return extend(resolve(file, current.initializer, budget), ...steps);
  return undefined;
}

/**
 * A parameter's origin: its type annotation (`private readonly http: HttpService`), or, for a callback passed to a
 * library call, the call plus '=>index' (`amqp.connect(url, (err, conn) => …)`); `p.then(v => …)` gives v the value of p.
 */
function parameterOrigin(file: FileIndex, parameter: ts.ParameterDeclaration, budget: Budget): ValueOrigin | undefined {
  if (parameter.type) return typedValueOrigin(file, parameter.type, budget);
  const fn = file.parentOf(parameter);
  if (!fn || !isFunctionLiteral(fn)) return undefined;
  const call = file.parentOf(fn);
  if (!call || !ts.isCallExpression(call) || !call.arguments.includes(fn as ts.Expression)) return undefined;
  const index = fn.parameters.indexOf(parameter);
  if (ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'then') {
    return index === 0 ? resolve(file, call.expression.expression, budget) : undefined;
  }
  return extend(resolve(file, call, budget), `=>${index}`);
}

/**
 * The value a declared type describes: an instance of a class or interface (`client: AxiosInstance` → a 'new'), or,
 * for `typeof x` (directly or through a local type alias: `type RequestFn = typeof request`), `x` itself.
 */
function typedValueOrigin(file: FileIndex, type: ts.TypeNode | undefined, budget: Budget, aliasDepth = 0): ValueOrigin | undefined {
  if (!type) return undefined;
  // `Producer | null`, `Producer | undefined`: what it is when it is anything.
  if (ts.isUnionTypeNode(type)) {
    const present = type.types.filter((member) => !isAbsentType(member));
    return present.length === 1 ? typedValueOrigin(file, present[0], budget, aliasDepth) : undefined;
  }
  if (ts.isParenthesizedTypeNode(type)) return typedValueOrigin(file, type.type, budget, aliasDepth);
  if (ts.isTypeQueryNode(type)) return entityNameOrigin(file, type.exprName, budget);
  if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && aliasDepth < 4) {
    const aliased = localTypeAlias(file, type.typeName.text);
    if (aliased) return typedValueOrigin(file, aliased, budget, aliasDepth + 1);
  }
  return extend(typeOrigin(file, type, budget), 'new');
}

/** What the class assigns to `this.<name>` (`this.client = axios.create()`), the first assignment that resolves. */
function assignedOrigin(file: FileIndex, owner: ts.ClassLikeDeclaration, name: string, budget: Budget): ValueOrigin | undefined {
  for (const assignment of file.thisMemberAssignments.get(name) ?? []) {
    if (assignment.pos < owner.pos || assignment.end > owner.end) continue;
    const origin = resolve(file, assignment.right, budget);
    if (origin) return origin;
  }
  return undefined;
}

/**
 * A variable its function returns, made by something this file cannot see into (a workspace factory:
 * `const server = createServer(); …; return server;`), is what the function declares it returns (`: FastifyInstance`).
 */
function returnedValueOrigin(file: FileIndex, declaration: ts.VariableDeclaration, budget: Budget): ValueOrigin | undefined {
  if (!ts.isIdentifier(declaration.name)) return undefined;
  const name = declaration.name.text;
  const owner = file.ancestor(declaration, (n): n is ts.FunctionLikeDeclaration => ts.isFunctionDeclaration(n) || ts.isArrowFunction(n) || ts.isFunctionExpression(n) || ts.isMethodDeclaration(n));
  if (!owner?.type || !owner.body || !ts.isBlock(owner.body)) return undefined;
  const returnsIt = owner.body.statements.some((statement) => ts.isReturnStatement(statement) && statement.expression && ts.isIdentifier(statement.expression) && statement.expression.text === name);
  return returnsIt ? typedValueOrigin(file, owner.type, budget) : undefined;
}

function isAbsentType(type: ts.TypeNode): boolean {
  if (type.kind === ts.SyntaxKind.UndefinedKeyword || type.kind === ts.SyntaxKind.VoidKeyword) return true;
  return ts.isLiteralTypeNode(type) && type.literal.kind === ts.SyntaxKind.NullKeyword;
}

/** The type a top-level `type Name = …` of this file stands for. */
function localTypeAlias(file: FileIndex, name: string): ts.TypeNode | undefined {
  for (const statement of file.sourceFile.statements) if (ts.isTypeAliasDeclaration(statement) && statement.name.text === name) return statement.type;
  return undefined;
}

function typeOrigin(file: FileIndex, type: ts.TypeNode | undefined, budget: Budget): ValueOrigin | undefined {
  return type && ts.isTypeReferenceNode(type) ? entityNameOrigin(file, type.typeName, budget) : undefined;
}

/** `amqp.Channel`, `request`: the origin of the leftmost name, extended by the qualified steps. */
function entityNameOrigin(file: FileIndex, entity: ts.EntityName, budget: Budget): ValueOrigin | undefined {
  const steps: string[] = [];
  let name = entity;
  while (ts.isQualifiedName(name)) {
    steps.unshift(name.right.text);
    name = name.left;
  }
  return extend(identifierOrigin(file, name, budget), ...steps);
}

/** `this.client`: the class member's initializer or type, or what the class assigns to it (`this.client = axios.create()`). */
function thisMemberOrigin(file: FileIndex, access: ts.Expression, name: string, budget: Budget): ValueOrigin | undefined {
  const owner = file.ancestor(access, (n): n is ts.ClassLikeDeclaration => ts.isClassDeclaration(n) || ts.isClassExpression(n));
  if (!owner) return undefined;
  for (const member of owner.members) {
    if (ts.isPropertyDeclaration(member) && staticPropertyName(member.name) === name) {
      if (member.initializer) return resolve(file, member.initializer, budget);
      if (member.type) return typedValueOrigin(file, member.type, budget);
    }
    if (ts.isConstructorDeclaration(member)) {
      for (const parameter of member.parameters) {
        if (ts.isIdentifier(parameter.name) && parameter.name.text === name && ts.getModifiers(parameter)?.length) {
          return typedValueOrigin(file, parameter.type, budget);
        }
      }
    }
  }
  return assignedOrigin(file, owner, name, budget);
}

/** Callback result steps ('=>1') mean "the value the callback API delivers": drop them to compare with promise APIs. */
export function withoutCallbackSteps(path: readonly string[]): string[] {
  const result: string[] = [];
  for (const step of path) {
    if (step.startsWith('=>')) {
      if (result[result.length - 1] !== '()') result.push('()');
      continue;
    }
    result.push(step);
  }
  return result;
}

export function pathEquals(path: readonly string[], expected: readonly string[]): boolean {
  return path.length === expected.length && path.every((step, i) => step === expected[i]);
}

export function pathEndsWith(path: readonly string[], suffix: readonly string[]): boolean {
  if (suffix.length > path.length) return false;
  const offset = path.length - suffix.length;
  return suffix.every((step, i) => path[offset + i] === step);
}
