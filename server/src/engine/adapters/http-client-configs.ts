// Settings that many HTTP calls share: client instances (`axios.create`, `got.extend`, `ky.create`), client-wide
// defaults (`axios.defaults.timeout = 5000`, `api.defaults.timeout = 5000`) and Nest `HttpModule` registrations.
// Calls point at these (`TimeoutFact.instance`, `TimeoutFact.defaults`) so missing-timeout reports an instance once, at
// its creation, rather than at every call through it.
import ts from 'typescript';
import { objectLiteralOf } from '../facts/config-objects.js';
import type { FileIndex } from '../facts/file-index.js';
import { originOf, pathEquals } from '../facts/origins.js';
import { isFunctionLiteral, ownPropertyValue, returnedExpression, staticPropertyName, unwrapExpression } from '../facts/syntax.js';
import type { HttpClientFact, ResponseStatusFact, TimeoutFact } from '../facts/types.js';
import type { HttpClientUse, HttpFactoryUse, HttpModuleUse } from './http-client-uses.js';
import { optionsArgument, setting, slotFor, statusFromOptions, timeoutFromValue, type OptionsArgument } from './http-settings.js';

/** The defaults key axios calls and instances inherit from `axios.defaults`. */
export const AXIOS_DEFAULTS = 'axios';
/** The defaults key HttpService calls inherit from their `HttpModule` registration. */
export const NEST_HTTP_DEFAULTS = '@nestjs/axios';

const FOLLOW_BUDGET = 8;

/** Client instances created in a file, by the factory call that creates them. */
export class HttpClientTable {
  readonly facts: HttpClientFact[] = [];
  private readonly byFactory = new Map<ts.CallExpression, HttpClientFact>();

  constructor(private readonly file: FileIndex, uses: readonly HttpClientUse[]) {
    // Source order: an instance derived from another (`api.extend(…)`) is met after its base.
    for (const use of uses) {
      if (use.kind !== 'factory') continue;
      const fact = instanceFact(file, use, use.client ? this.instanceOf(use.client) : undefined);
      this.byFactory.set(use.call, fact);
      this.facts.push(fact);
    }
    for (const use of uses) if (use.kind === 'module') this.facts.push(moduleRegistrationFact(file, use));
    this.facts.push(...bareModuleImports(file));
    this.readDefaultsAssignments();
  }

  /** The instance an expression holds, when a factory in this file created it (through constants and `this.x` members). */
  instanceOf(expression: ts.Expression): HttpClientFact | undefined {
    const call = definingCall(this.file, expression);
    return call ? this.byFactory.get(call) : undefined;
  }

  /** `axios.defaults.timeout = 5000` (client-wide) and `api.defaults.timeout = 5000` (one instance). */
  private readDefaultsAssignments(): void {
    if (!this.file.text.includes('defaults')) return;
    for (const assignment of assignmentsTo(this.file.sourceFile, 'timeout')) {
      const target = assignment.left as ts.PropertyAccessExpression;
      if (!ts.isPropertyAccessExpression(target.expression) || target.expression.name.text !== 'defaults') continue;
      const owner = target.expression.expression;
      const timeout = timeoutFromValue(this.file, assignment.right);
      const instance = this.instanceOf(owner);
      if (instance) {
        if (instance.timeout.state !== 'set' && instance.timeout.state !== 'disabled') instance.timeout = timeout;
        continue;
      }
      const origin = originOf(this.file, owner);
      if (origin?.module === 'axios' && origin.path.length === 0) {
        this.facts.push({ ...this.file.span(assignment), kind: 'defaults', library: 'axios', defaultsKey: AXIOS_DEFAULTS, timeout });
      }
    }
  }
}

function instanceFact(file: FileIndex, use: HttpFactoryUse, base: HttpClientFact | undefined): HttpClientFact {
  const fact: HttpClientFact = { ...file.span(use.call), kind: 'instance', library: use.library, timeout: instanceTimeout(file, use, base) };
  const status = instanceStatus(file, use) ?? base?.status;
  if (status) fact.status = status;
  const baseUrl = use.baseUrl ? file.span(use.baseUrl.value) : base?.baseUrl;
  if (baseUrl) fact.baseUrl = baseUrl;
  const exportedAs = exportedNames(file, use.call);
  if (exportedAs.length > 0) fact.exportedAs = exportedAs;
  return fact;
}

function instanceTimeout(file: FileIndex, use: HttpFactoryUse, base: HttpClientFact | undefined): TimeoutFact {
  // got.extend(...instancesOrOptions): any of them may carry the timeout; an instance argument passes its own on.
  const argumentsRead = use.family === 'got' ? use.call.arguments.map((_, index) => optionsArgument(file, use.call, index)) : [optionsArgument(file, use.call, 0)];
  if (argumentsRead.length === 0) argumentsRead.push(optionsArgument(file, use.call, 0));
  for (let i = argumentsRead.length - 1; i >= 0; i--) {
    const options = argumentsRead[i]!;
    if (options.state === 'unknown') return { state: 'unknown' };
    if (options.state !== 'object') continue;
    const value = setting(file, options.object, 'timeout');
    if (value === 'unknown') return { state: 'unknown' };
    if (value === 'absent') continue;
    if (use.family === 'ky') return unwrapExpression(value).kind === ts.SyntaxKind.FalseKeyword ? { state: 'disabled', value: file.span(unwrapExpression(value)) } : { state: 'set' };
    const timeout = timeoutFromValue(file, value);
    if (timeout.state !== 'absent') return timeout;
  }
  if (base) return { state: 'inherited', instance: { start: base.start, end: base.end } };
  if (use.via !== 'export') return { state: 'unknown' };
  if (use.family === 'ky') return { state: 'library-default' };
  const slot = slotFor(file, use.call, firstObjectOrNone(argumentsRead));
  const timeout: TimeoutFact = use.family === 'got' ? { state: 'absent', option: 'timeout-request-ms' } : { state: 'absent', option: 'timeout-ms', defaults: AXIOS_DEFAULTS };
  if (slot) timeout.slot = slot;
  return timeout;
}

function firstObjectOrNone(read: OptionsArgument[]): OptionsArgument {
  return read.find((options) => options.state === 'object') ?? read[0]!;
}

function instanceStatus(file: FileIndex, use: HttpFactoryUse): ResponseStatusFact | undefined {
  for (let index = use.call.arguments.length - 1; index >= 0; index--) {
    const options = optionsArgument(file, use.call, index);
    const object = options.state === 'object' ? options.object : undefined;
    const status =
      use.family === 'axios'
        ? statusFromOptions(file, object, 'validateStatus', { check: 'at-all', properties: ['status'] })
        : use.family === 'got'
          ? statusFromOptions(file, object, 'throwHttpErrors', { check: 'at-all', properties: ['statusCode', 'ok'] })
          : statusFromOptions(file, object, 'throwHttpErrors', { check: 'before-body', properties: ['ok', 'status'] });
    if (status) return status;
  }
  return undefined;
}

/** `HttpModule.register({ timeout })`, or `registerAsync({ useFactory: () => ({ timeout }) })`. Reported at `HttpModule`. */
function moduleRegistrationFact(file: FileIndex, use: HttpModuleUse): HttpClientFact {
  const callee = unwrapExpression(use.call.expression);
  const anchor = ts.isPropertyAccessExpression(callee) ? callee.expression : callee;
  const fact: HttpClientFact = { ...file.span(anchor), kind: 'module', library: use.library, defaultsKey: NEST_HTTP_DEFAULTS, timeout: { state: 'unknown' } };
  if (use.baseUrl) fact.baseUrl = file.span(use.baseUrl.value);
  if (use.method === 'register') {
    const options = optionsArgument(file, use.call, 0);
    const value = options.state === 'object' ? setting(file, options.object, 'timeout') : options.state === 'none' ? 'absent' : 'unknown';
    if (value === 'unknown') return fact;
    const timeout = value === 'absent' ? ({ state: 'absent' } as TimeoutFact) : timeoutFromValue(file, value);
    if (timeout.state === 'absent') {
      timeout.option = 'timeout-ms';
      const slot = slotFor(file, use.call, options);
      if (slot) timeout.slot = slot;
    }
    fact.timeout = timeout;
    return fact;
  }
  // registerAsync: the options come from a factory; read them when it returns an object literal.
  const options = objectLiteralOf(file, use.call.arguments[0]);
  const factory = options && ownPropertyValue(options, 'useFactory');
  const factoryNode = factory && unwrapExpression(factory);
  const returned = factoryNode && isFunctionLiteral(factoryNode) ? returnedExpression(factoryNode) : undefined;
  const config = returned && objectLiteralOf(file, returned);
  if (!config) return fact;
  const value = setting(file, config, 'timeout');
  if (value === 'unknown') return fact;
  fact.timeout = value === 'absent' ? { state: 'absent', option: 'timeout-ms' } : timeoutFromValue(file, value);
  return fact;
}

/** `@Module({ imports: [HttpModule] })`: HttpService with axios's defaults, which have no timeout. */
function bareModuleImports(file: FileIndex): HttpClientFact[] {
  const found: HttpClientFact[] = [];
  for (const object of file.objectLiterals) {
    if (!isNestModuleMetadata(file, object)) continue;
    const imports = ownPropertyValue(object, 'imports');
    const list = imports && unwrapExpression(imports);
    if (!list || !ts.isArrayLiteralExpression(list)) continue;
    for (const element of list.elements) {
      const node = unwrapExpression(element as ts.Expression);
      if (!ts.isIdentifier(node)) continue;
      const origin = originOf(file, node);
      if (origin?.module !== '@nestjs/axios' || !pathEquals(origin.path, ['HttpModule'])) continue;
      const span = file.span(node);
      found.push({ ...span, kind: 'module', library: '@nestjs/axios', defaultsKey: NEST_HTTP_DEFAULTS, timeout: { state: 'absent', option: 'timeout-ms', slot: { bare: { span, method: 'register' } } } });
    }
  }
  return found;
}

function isNestModuleMetadata(file: FileIndex, object: ts.ObjectLiteralExpression): boolean {
  const call = file.parentOf(object);
  if (!call || !ts.isCallExpression(call) || call.arguments[0] !== object) return false;
  const decorator = file.parentOf(call);
  if (!decorator || !ts.isDecorator(decorator)) return false;
  const origin = originOf(file, call.expression);
  return origin?.module === '@nestjs/common' && pathEquals(origin.path, ['Module']);
}

/** The call an expression's value comes from: through `const` initializers and `this.x` members. */
function definingCall(file: FileIndex, expression: ts.Expression): ts.CallExpression | undefined {
  let current = unwrapExpression(expression);
  for (let steps = 0; steps < FOLLOW_BUDGET; steps++) {
    if (ts.isCallExpression(current)) return current;
    let next: ts.Expression | undefined;
    if (ts.isIdentifier(current)) {
      const declaration = file.lookup(current)?.node;
      next = declaration && ts.isVariableDeclaration(declaration) ? declaration.initializer : undefined;
    } else if (ts.isPropertyAccessExpression(current) && current.expression.kind === ts.SyntaxKind.ThisKeyword) {
      next = thisMemberValue(file, current);
    }
    if (!next) return undefined;
    current = unwrapExpression(next);
  }
  return undefined;
}

function thisMemberValue(file: FileIndex, access: ts.PropertyAccessExpression): ts.Expression | undefined {
  const owner = file.ancestor(access, (n): n is ts.ClassLikeDeclaration => ts.isClassDeclaration(n) || ts.isClassExpression(n));
  if (!owner) return undefined;
  const name = access.name.text;
  for (const member of owner.members) {
    if (ts.isPropertyDeclaration(member) && staticPropertyName(member.name) === name && member.initializer) return member.initializer;
  }
  const assignment = (file.thisMemberAssignments.get(name) ?? []).find((a) => a.pos >= owner.pos && a.end <= owner.end);
  return assignment?.right;
}

/** The names a module exports a value under: `export const x = v`, `export default v`, `export { x as y }`, CommonJS. */
function exportedNames(file: FileIndex, value: ts.Expression): string[] {
  const variable = file.assignedVariable(value);
  if (!variable) return file.isExportedValue(value) ? ['default'] : [];
  if (!ts.isIdentifier(variable.name)) return [];
  const local = variable.name.text;
  const names = new Set<string>();
  const list = file.parentOf(variable);
  const statement = list && file.parentOf(list);
  if (statement && ts.isVariableStatement(statement) && statement.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)) names.add(local);
  for (const statement of file.sourceFile.statements) {
    if (ts.isExportDeclaration(statement) && !statement.moduleSpecifier && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) if ((element.propertyName ?? element.name).text === local) names.add(element.name.text);
    } else if (ts.isExportAssignment(statement) && ts.isIdentifier(statement.expression) && statement.expression.text === local) {
      names.add('default');
    }
  }
  // CommonJS (`module.exports = { api }`, `exports.api = api`): exported under its own name.
  if (names.size === 0 && file.exportedLocalNames.has(local)) names.add(local);
  return [...names];
}

/** `<x>.<name> = value` assignments anywhere in the file (an explicit stack: no recursion on deep trees). */
function assignmentsTo(sourceFile: ts.SourceFile, name: string): ts.BinaryExpression[] {
  const found: ts.BinaryExpression[] = [];
  const stack: ts.Node[] = [sourceFile];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(node.left) &&
      node.left.name.text === name
    ) {
      found.push(node);
    }
    ts.forEachChild(node, (child) => {
      stack.push(child);
    });
  }
  return found;
}
