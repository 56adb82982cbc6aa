// What route declarations pass, read syntactically within one file: path strings (also from local constants), the
// handler argument and where a referenced handler is declared, and imported bindings (a router another module exports).
import { isBuiltin } from 'node:module';
import ts from 'typescript';
import { objectLiteralOf, propertyValue } from '../facts/config-objects.js';
import type { HandlerTarget } from '../facts/endpoint-types.js';
import type { FileIndex } from '../facts/file-index.js';
import { functionIdOf } from '../facts/function-ids.js';
import { normalizeRoutePath } from '../facts/route-paths.js';
import { isFunctionLiteral, staticPropertyName, stringLiteralValue, unwrapExpression } from '../facts/syntax.js';
import type { CalleeRef, Span } from '../facts/types.js';

const FOLD_BUDGET = 12;

/**
 * The string an expression denotes when this file alone fixes it: literals, templates and `+` of such, `const`s,
 * properties of `const` object literals (`PATHS.items`). Anything else (imports, parameters, env) is undefined.
 */
export function localString(file: FileIndex, expression: ts.Expression | undefined, budget = FOLD_BUDGET): string | undefined {
  if (!expression || budget < 0) return undefined;
  const node = unwrapExpression(expression);
  const literal = stringLiteralValue(node);
  if (literal !== undefined) return literal;
  if (ts.isTemplateExpression(node)) {
    let text = node.head.text;
    for (const span of node.templateSpans) {
      const value = localString(file, span.expression, budget - 1);
      if (value === undefined) return undefined;
      text += value + span.literal.text;
    }
    return text;
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = localString(file, node.left, budget - 1);
    const right = left === undefined ? undefined : localString(file, node.right, budget - 1);
    return left === undefined || right === undefined ? undefined : left + right;
  }
  if (ts.isIdentifier(node)) {
    const declaration = file.lookup(node)?.node;
    if (!declaration || !ts.isVariableDeclaration(declaration) || !isConst(file, declaration)) return undefined;
    return localString(file, declaration.initializer, budget - 1);
  }
  if (ts.isPropertyAccessExpression(node)) {
    const owner = objectLiteralOf(file, node.expression);
    return owner ? localString(file, propertyValue(file, owner, node.name.text), budget - 1) : undefined;
  }
  return undefined;
}

function isConst(file: FileIndex, declaration: ts.VariableDeclaration): boolean {
  const list = file.parentOf(declaration);
  return list !== undefined && ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.BlockScoped) === ts.NodeFlags.Const;
}

/** One path a route argument declares: canonical, or the expression to fold later, or neither (a regular expression). */
export interface PathValue {
  path?: string;
  span?: Span;
}

/** The paths a path argument declares: one per array element and per optional variant. */
export function pathValues(file: FileIndex, expression: ts.Expression, depth = 2): PathValue[] {
  const node = unwrapExpression(expression);
  if (ts.isArrayLiteralExpression(node)) {
    // express flattens nested arrays of paths; two levels is as deep as real code goes.
    if (depth <= 0) return [];
    return node.elements.flatMap((element) => (ts.isSpreadElement(element) || ts.isOmittedExpression(element) ? [] : pathValues(file, element, depth - 1)));
  }
  if (ts.isRegularExpressionLiteral(node)) return [{}];
  const text = localString(file, node);
  if (text === undefined) return [{ span: file.span(node) }];
  const paths = normalizeRoutePath(text);
  return paths ? paths.map((path) => ({ path })) : [{}];
}

/** A prefix argument (`app.use('/api', …)`, `{ prefix: '/v1' }`): its canonical value, or the span to fold later. */
export function prefixValue(file: FileIndex, expression: ts.Expression): { prefix: string; prefixSpan?: Span } {
  const text = localString(file, expression);
  if (text === undefined) return { prefix: '', prefixSpan: file.span(unwrapExpression(expression)) };
  return { prefix: normalizeRoutePath(text)?.[0] ?? '' };
}

/** Whether an argument is a path (a string, a template, an array of them, a regular expression) rather than a handler. */
export function looksLikePath(file: FileIndex, expression: ts.Expression | undefined, depth = 2): boolean {
  if (!expression) return false;
  const node = unwrapExpression(expression);
  if (ts.isArrayLiteralExpression(node)) {
    return depth > 0 && node.elements.length > 0 && node.elements.every((element) => looksLikePath(file, element as ts.Expression, depth - 1));
  }
  return ts.isStringLiteralLike(node) || ts.isTemplateExpression(node) || ts.isRegularExpressionLiteral(node) || localString(file, node) !== undefined;
}

export interface HandlerFacts {
  handler: { functionId?: string; span: Span };
  handlerRef?: CalleeRef;
  handlerTarget?: HandlerTarget;
}

/**
 * The handler argument: an inline function, or a reference to one. A wrapper call around it (`asyncHandler(async
 * (req, res) => …)`, `catchAsync(controller.list)`) is looked through: the wrapped function is what serves the request.
 */
export function handlerFacts(file: FileIndex, expression: ts.Expression | ts.MethodDeclaration, wrappers = 2): HandlerFacts {
  const node = ts.isMethodDeclaration(expression) ? expression : unwrapExpression(expression);
  if (isFunctionLiteral(node) || ts.isMethodDeclaration(node)) return { handler: { functionId: functionIdOf(node, file), span: file.span(node) } };
  if (ts.isCallExpression(node) && wrappers > 0) {
    const last = node.arguments[node.arguments.length - 1];
    const inner = last && !ts.isSpreadElement(last) ? unwrapExpression(last) : undefined;
    if (inner && (isFunctionLiteral(inner) || ts.isIdentifier(inner) || ts.isPropertyAccessExpression(inner))) return handlerFacts(file, inner, wrappers - 1);
  }
  const span = file.span(node);
  if (ts.isIdentifier(node)) return { handler: { span }, handlerRef: { kind: 'name', name: node.text }, ...withTarget(nameTarget(file, node)) };
  if (ts.isPropertyAccessExpression(node)) {
    const method = node.name.text;
    const owner = unwrapExpression(node.expression);
    if (owner.kind === ts.SyntaxKind.ThisKeyword) {
      return { handler: { span }, handlerRef: { kind: 'this-method', method }, ...withTarget(thisMethodTarget(file, node, method)) };
    }
    if (ts.isPropertyAccessExpression(owner) && unwrapExpression(owner.expression).kind === ts.SyntaxKind.ThisKeyword) {
      return { handler: { span }, handlerRef: { kind: 'this-field-method', field: owner.name.text, method } };
    }
    if (ts.isIdentifier(owner)) {
      return { handler: { span }, handlerRef: { kind: 'binding-method', binding: owner.text, method }, ...withTarget(memberTarget(file, owner, method)) };
    }
  }
  return { handler: { span }, handlerRef: { kind: 'other' } };
}

function withTarget(target: HandlerTarget | undefined): { handlerTarget?: HandlerTarget } {
  return target ? { handlerTarget: target } : {};
}

/** `listItems`: a function of this file, or an imported one (whose id is its exported name). */
function nameTarget(file: FileIndex, identifier: ts.Identifier): HandlerTarget | undefined {
  const declaration = file.lookup(identifier)?.node;
  if (!declaration) return undefined;
  const fn = localFunction(declaration);
  if (fn) return { functionId: functionIdOf(fn, file), span: file.span(fn) };
  const imported = importedBinding(file, identifier);
  return imported && imported.name !== 'default' && imported.name !== '*' ? { functionId: imported.name, specifier: imported.specifier } : undefined;
}

/** `this.list` inside a class: that class's method. */
function thisMethodTarget(file: FileIndex, access: ts.Node, method: string): HandlerTarget | undefined {
  const owner = file.ancestor(access, (node): node is ts.ClassLikeDeclaration => ts.isClassDeclaration(node) || ts.isClassExpression(node));
  const member = owner && classMethod(owner, method);
  if (!member) return undefined;
  return { functionId: functionIdOf(member, file), span: file.span(member) };
}

/** `items.list`: a namespace import's function, an instance's method (`new ItemsController()`), a handler object's property. */
function memberTarget(file: FileIndex, owner: ts.Identifier, method: string): HandlerTarget | undefined {
  const declaration = file.lookup(owner)?.node;
  if (!declaration) return undefined;
  const imported = importedBinding(file, owner);
  if (imported) {
    if (imported.name === '*') return { functionId: method, specifier: imported.specifier };
    return { specifier: imported.specifier, instance: imported.name, method };
  }
  if (ts.isClassDeclaration(declaration)) {
    const member = classMethod(declaration, method);
    return member ? { functionId: functionIdOf(member, file), span: file.span(member) } : undefined;
  }
  if (!ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
  const initializer = unwrapExpression(declaration.initializer);
  if (ts.isNewExpression(initializer) && ts.isIdentifier(initializer.expression)) {
    const classDeclaration = file.lookup(initializer.expression)?.node;
    if (classDeclaration && ts.isClassDeclaration(classDeclaration)) {
      const member = classMethod(classDeclaration, method);
      return member ? { functionId: functionIdOf(member, file), span: file.span(member) } : undefined;
    }
    const importedClass = importedBinding(file, initializer.expression);
    if (importedClass && importedClass.name !== '*') return { functionId: `${importedClass.name === 'default' ? initializer.expression.text : importedClass.name}.${method}`, specifier: importedClass.specifier };
    return undefined;
  }
  if (ts.isObjectLiteralExpression(initializer)) {
    const member = objectMethod(file, initializer, method);
    return member ? { functionId: functionIdOf(member, file), span: file.span(member) } : undefined;
  }
  return undefined;
}

function localFunction(declaration: ts.Node): ts.FunctionLikeDeclaration | undefined {
  if (ts.isFunctionDeclaration(declaration)) return declaration.body ? declaration : undefined;
  if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
    const initializer = unwrapExpression(declaration.initializer);
    if (isFunctionLiteral(initializer)) return initializer;
  }
  return undefined;
}

function classMethod(owner: ts.ClassLikeDeclaration, name: string): ts.MethodDeclaration | undefined {
  return owner.members.find((member): member is ts.MethodDeclaration => ts.isMethodDeclaration(member) && member.body !== undefined && staticPropertyName(member.name) === name);
}

function objectMethod(file: FileIndex, object: ts.ObjectLiteralExpression, name: string): ts.FunctionLikeDeclaration | undefined {
  for (const property of object.properties) {
    if (ts.isMethodDeclaration(property) && staticPropertyName(property.name) === name) return property;
  }
  const value = propertyValue(file, object, name);
  const unwrapped = value && unwrapExpression(value);
  return unwrapped && isFunctionLiteral(unwrapped) ? unwrapped : undefined;
}

/** Modules that are never a workspace's own routers: the frameworks themselves and Node's built-ins. */
const FRAMEWORK_MODULES = new Set(['express', 'fastify', 'fastify-plugin', 'koa', '@koa/router', 'koa-router', 'hono', '@nestjs/common', '@nestjs/core']);

/** Where an imported binding comes from: `import { a as b } from 'm'` gives b → { 'm', 'a' }; default 'default', namespace '*'. */
export function importedBinding(file: FileIndex, identifier: ts.Identifier): { specifier: string; name: string } | undefined {
  const declaration = file.lookup(identifier)?.node;
  if (!declaration) return undefined;
  let name: string;
  let specifierNode: ts.Expression | undefined;
  if (ts.isImportSpecifier(declaration)) name = (declaration.propertyName ?? declaration.name).text;
  else if (ts.isImportClause(declaration)) name = 'default';
  else if (ts.isNamespaceImport(declaration)) name = '*';
  else if (ts.isImportEqualsDeclaration(declaration) && ts.isExternalModuleReference(declaration.moduleReference)) {
    return moduleBinding(declaration.moduleReference.expression, 'default');
  } else return undefined;
  specifierNode = file.ancestor(declaration, ts.isImportDeclaration)?.moduleSpecifier;
  return specifierNode ? moduleBinding(specifierNode, name) : undefined;
}

function moduleBinding(specifierNode: ts.Expression, name: string): { specifier: string; name: string } | undefined {
  const specifier = stringLiteralValue(specifierNode);
  if (specifier === undefined || FRAMEWORK_MODULES.has(specifier) || isBuiltin(specifier)) return undefined;
  return { specifier, name };
}

/** `require('./routes')` / `import('./routes')`: the module's default export. */
export function loadedModule(file: FileIndex, call: ts.CallExpression): { specifier: string; name: string } | undefined {
  const isRequire = ts.isIdentifier(call.expression) && call.expression.text === 'require' && file.isGlobal(call.expression);
  if (!isRequire && call.expression.kind !== ts.SyntaxKind.ImportKeyword) return undefined;
  const argument = call.arguments[0];
  return argument ? moduleBinding(argument, 'default') : undefined;
}
