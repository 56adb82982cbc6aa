// What the messaging adapters ask of a consumer's handler, whatever the library: the functions that run for a message
// (the handler and the local functions it calls), its error paths (catch and finally blocks), whether an error can leave
// it, and whether it reads a delivery count. Walks use explicit stacks: facts extraction must survive deep trees.
import ts from 'typescript';
import { propertyValue, thisMemberValue } from '../facts/config-objects.js';
import type { FileIndex } from '../facts/file-index.js';
import { forEachDescendant, isFunctionLiteral, staticPropertyName, stringLiteralValue, unwrapExpression } from '../facts/syntax.js';

/** How many calls deep local helpers are followed from a handler (`consume(q, (m) => this.handle(m))` → `handle` → …). */
const HELPER_DEPTH = 3;
/** Bounds following a value back through variables and class members. */
const FOLLOW_BUDGET = 6;

export type HandlerFunction = ts.FunctionLikeDeclaration & { body: ts.ConciseBody };

/** The function a handler expression denotes: a function literal, a local function or const arrow, `this.method` (also `.bind(this)`). */
export function functionOf(file: FileIndex, expression: ts.Expression | undefined): HandlerFunction | undefined {
  let current = expression && unwrapExpression(expression);
  for (let budget = FOLLOW_BUDGET; current && budget > 0; budget--) {
    if (isFunctionLiteral(current)) return current;
    if (ts.isCallExpression(current) && ts.isPropertyAccessExpression(current.expression) && current.expression.name.text === 'bind') {
      current = unwrapExpression(current.expression.expression);
      continue;
    }
    if (ts.isIdentifier(current)) {
      const declaration = file.lookup(current)?.node;
      if (declaration && ts.isFunctionDeclaration(declaration) && declaration.body) return declaration as HandlerFunction;
      current = declaration && ts.isVariableDeclaration(declaration) && declaration.initializer ? unwrapExpression(declaration.initializer) : undefined;
      continue;
    }
    if (ts.isPropertyAccessExpression(current) && current.expression.kind === ts.SyntaxKind.ThisKeyword) return ownMethod(file, current);
    return undefined;
  }
  return undefined;
}

/** A handler option of an object literal: `name: async (…) => …`, `name: this.handle`, or a method `async name(…) { … }`. */
export function handlerOption(file: FileIndex, options: ts.ObjectLiteralExpression, name: string): HandlerFunction | undefined {
  for (const property of options.properties) {
    if (ts.isMethodDeclaration(property) && staticPropertyName(property.name) === name && property.body) return property as HandlerFunction;
  }
  return functionOf(file, propertyValue(file, options, name));
}

/** `this.name` inside a class: the method of that class with a body. */
function ownMethod(file: FileIndex, access: ts.PropertyAccessExpression): HandlerFunction | undefined {
  const owner = file.ancestor(access, (n): n is ts.ClassLikeDeclaration => ts.isClassDeclaration(n) || ts.isClassExpression(n));
  for (const member of owner?.members ?? []) {
    if (staticPropertyName(member.name) !== access.name.text) continue;
    if (ts.isMethodDeclaration(member) && member.body) return member as HandlerFunction;
    if (ts.isPropertyDeclaration(member) && member.initializer) {
      const value = unwrapExpression(member.initializer);
      if (isFunctionLiteral(value)) return value;
    }
  }
  return undefined;
}

/** The handler and the local functions it calls (directly, `this.x()`, or through helpers up to HELPER_DEPTH calls deep). */
export function closureOf(file: FileIndex, handler: ts.Node): ts.Node[] {
  const found: ts.Node[] = [handler];
  let frontier: ts.Node[] = [handler];
  for (let depth = 0; depth < HELPER_DEPTH && frontier.length > 0; depth++) {
    const next: ts.Node[] = [];
    for (const fn of frontier) {
      forEachDescendant(fn, (node) => {
        if (!ts.isCallExpression(node)) return;
        const callee = functionOf(file, node.expression);
        if (callee && !found.includes(callee) && !isInside(callee, found)) {
          found.push(callee);
          next.push(callee);
        }
      });
    }
    frontier = next;
  }
  return found;
}

function isInside(node: ts.Node, roots: readonly ts.Node[]): boolean {
  return roots.some((root) => node.pos >= root.pos && node.end <= root.end);
}

/** Whether a node lies in one of the closure's functions. */
export function inClosure(node: ts.Node, closure: readonly ts.Node[]): boolean {
  return isInside(node, closure);
}

/** The catch or finally block around a node, looking outwards no further than `boundary` (a handler or loop). */
export function errorPathOf(file: FileIndex, node: ts.Node, boundary: ts.Node): ts.Block | undefined {
  let child: ts.Node = node;
  for (let parent = file.parentOf(node); parent && parent !== boundary; parent = file.parentOf(parent)) {
    if (ts.isCatchClause(parent)) return parent.block;
    if (ts.isTryStatement(parent) && parent.finallyBlock === child) return parent.finallyBlock;
    child = parent;
  }
  return undefined;
}

/** The closure function that contains a node (the innermost one). */
export function closureMemberOf(node: ts.Node, closure: readonly ts.Node[]): ts.Node | undefined {
  let best: ts.Node | undefined;
  for (const fn of closure) {
    if (node.pos >= fn.pos && node.end <= fn.end && (!best || fn.end - fn.pos < best.end - best.pos)) best = fn;
  }
  return best;
}

/**
 * Whether code in the closure reads any of these names: as a property (`msg.fields.redelivered`, `job.attemptsMade`) or a
 * string key (`headers['x-delivery-count']`, `Attributes.ApproximateReceiveCount`, `MessageSystemAttributeNames: ['ApproximateReceiveCount']`).
 */
export function readsAnyName(closure: readonly ts.Node[], names: readonly string[]): boolean {
  let found = false;
  for (const fn of closure) {
    forEachDescendant(fn, (node) => {
      if (found) return;
      if (ts.isPropertyAccessExpression(node) && names.includes(node.name.text)) found = true;
      else if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && names.includes(node.text)) found = true;
    });
    if (found) return true;
  }
  return false;
}

export interface EscapeAnalysis {
  /** `throw` in a catch or finally block, not caught again: the handler gives up on the message and rethrows. */
  rethrows: ts.ThrowStatement[];
  /** Calls, awaits and throws outside any `try` with a `catch`: an error there leaves the handler. */
  unprotected: ts.Node[];
}

/** Calls that do not fail on any input a handler gets (converting a Buffer or a value to text). */
const NON_THROWING_METHODS = new Set(['toString']);

/**
 * Where an error can leave a function. Inside a catch or finally block only `throw` counts (a failing logger call is not
 * the concern); elsewhere any call or await can fail unless a `try` with a `catch` encloses it. A call to a local function
 * that itself lets nothing escape is safe.
 */
export function escapesOf(file: FileIndex, fn: ts.Node, depth = 0): EscapeAnalysis {
  const result: EscapeAnalysis = { rethrows: [], unprotected: [] };
  const body = ts.isFunctionLike(fn) ? (fn as ts.FunctionLikeDeclaration).body : fn;
  if (!body) return result;
  const stack: Array<{ node: ts.Node; errorPath: boolean }> = [{ node: body, errorPath: false }];
  while (stack.length > 0) {
    const { node, errorPath } = stack.pop()!;
    if (ts.isTryStatement(node)) {
      if (node.catchClause) stack.push({ node: node.catchClause.block, errorPath: true });
      else stack.push({ node: node.tryBlock, errorPath });
      if (node.finallyBlock) stack.push({ node: node.finallyBlock, errorPath: true });
      continue;
    }
    if (ts.isThrowStatement(node)) (errorPath ? result.rethrows : result.unprotected).push(node);
    else if (!errorPath && ts.isCallExpression(node) && mayThrow(file, node, depth)) result.unprotected.push(node);
    else if (!errorPath && ts.isAwaitExpression(node) && !ts.isCallExpression(unwrapExpression(node.expression))) result.unprotected.push(node);
    ts.forEachChild(node, (child) => {
      stack.push({ node: child, errorPath });
    });
  }
  return result;
}

function mayThrow(file: FileIndex, call: ts.CallExpression, depth: number): boolean {
  const callee = unwrapExpression(call.expression);
  if (ts.isPropertyAccessExpression(callee) && NON_THROWING_METHODS.has(callee.name.text)) return false;
  if (ts.isIdentifier(callee) && ['String', 'Number', 'Boolean'].includes(callee.text) && file.isGlobal(callee)) return false;
  const local = depth < HELPER_DEPTH ? functionOf(file, call.expression) : undefined;
  if (!local) return true;
  const inner = escapesOf(file, local, depth + 1);
  return inner.rethrows.length > 0 || inner.unprotected.length > 0;
}

/** A boolean written as a literal, directly or in a local const; undefined when computed. */
export function booleanValue(file: FileIndex, expression: ts.Expression | undefined): boolean | undefined {
  const value = constantOf(file, expression);
  if (value?.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (value?.kind === ts.SyntaxKind.FalseKeyword) return false;
  return undefined;
}

/** A number written as a literal (also negative), directly or in a local const; undefined when computed. */
export function numberValue(file: FileIndex, expression: ts.Expression | undefined): number | undefined {
  const value = constantOf(file, expression);
  if (!value) return undefined;
  if (ts.isNumericLiteral(value)) return Number(value.text.replace(/_/g, ''));
  if (ts.isPrefixUnaryExpression(value) && value.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(value.operand)) {
    return -Number(value.operand.text.replace(/_/g, ''));
  }
  if (ts.isIdentifier(value) && value.text === 'Infinity' && file.isGlobal(value)) return Infinity;
  const text = stringLiteralValue(value);
  return text !== undefined && text.trim() !== '' && !Number.isNaN(Number(text)) ? Number(text) : undefined;
}

/** Follow local consts to the literal they hold. */
function constantOf(file: FileIndex, expression: ts.Expression | undefined): ts.Expression | undefined {
  let current = expression && unwrapExpression(expression);
  for (let budget = FOLLOW_BUDGET; current && ts.isIdentifier(current) && budget > 0; budget--) {
    const declaration = file.lookup(current)?.node;
    if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return current;
    const list = file.parentOf(declaration);
    if (!list || !ts.isVariableDeclarationList(list) || (list.flags & ts.NodeFlags.Const) === 0) return current;
    current = unwrapExpression(declaration.initializer);
  }
  return current;
}

/**
 * The call or construction that created a value, through local variables, class members and destructuring of an awaited
 * tuple (`const [subscription] = await pubsub.createSubscription(…)`).
 */
export function creationOf(file: FileIndex, expression: ts.Expression | undefined): ts.CallExpression | ts.NewExpression | undefined {
  let current = expression && unwrapExpression(expression);
  for (let budget = FOLLOW_BUDGET; current && budget > 0; budget--) {
    if (ts.isCallExpression(current) || ts.isNewExpression(current)) return current;
    if (ts.isIdentifier(current)) {
      const declaration = file.lookup(current)?.node;
      if (declaration && ts.isBindingElement(declaration)) {
        const owner = file.parentOf(file.parentOf(declaration) ?? declaration);
        current = owner && ts.isVariableDeclaration(owner) && owner.initializer ? unwrapExpression(owner.initializer) : undefined;
        continue;
      }
      current = declaration && ts.isVariableDeclaration(declaration) && declaration.initializer ? unwrapExpression(declaration.initializer) : undefined;
    } else if (ts.isPropertyAccessExpression(current) && current.expression.kind === ts.SyntaxKind.ThisKeyword) {
      current = thisMemberValue(file, current);
    } else {
      return undefined;
    }
  }
  return undefined;
}

/** The property assignment that holds a value (`removeOnFail: true` for `true`): findings about a setting go there. */
export function propertyAssignmentOf(file: FileIndex, value: ts.Expression): ts.PropertyAssignment | ts.ShorthandPropertyAssignment | undefined {
  const parent = file.parentOf(value);
  return parent && (ts.isPropertyAssignment(parent) || ts.isShorthandPropertyAssignment(parent)) ? parent : undefined;
}

/** The names a module exports a value under: `export const q = <value>`, `export { q as emails }`, `export default <value>`. */
export function exportedNamesOf(file: FileIndex, value: ts.Expression): string[] {
  const variable = file.assignedVariable(value);
  if (!variable) return file.isExportedValue(value) ? ['default'] : [];
  if (!ts.isIdentifier(variable.name)) return [];
  const local = variable.name.text;
  const names = new Set<string>();
  const statement = file.parentOf(file.parentOf(variable) ?? variable);
  if (statement && ts.isVariableStatement(statement) && statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) names.add(local);
  for (const top of file.sourceFile.statements) {
    if (ts.isExportDeclaration(top) && !top.moduleSpecifier && top.exportClause && ts.isNamedExports(top.exportClause)) {
      for (const element of top.exportClause.elements) if ((element.propertyName ?? element.name).text === local) names.add(element.name.text);
    } else if (ts.isExportAssignment(top) && ts.isIdentifier(top.expression) && top.expression.text === local) {
      names.add('default');
    }
  }
  if (names.size === 0 && file.exportedLocalNames.has(local)) names.add(local);
  return [...names];
}
