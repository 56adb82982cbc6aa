// How a function uses the response of an HTTP call that resolves on error statuses: does it read the body or hand the
// response back before looking at the status? Syntactic and per function, tuned to report only what the code shows:
// a status read earlier in the function, or passing the response to another function, counts as handling it.
import ts from 'typescript';
import type { ResponseStatusFact } from '../../server/src/engine/facts/types.js';

/** Reads of a response body (fetch `Response`, undici's `body` mixin, got/ky response promises). */
const BODY_METHODS = new Set(['json', 'text', 'arrayBuffer', 'blob', 'buffer', 'formData']);
const STATUS_PROPERTIES = new Set(['ok', 'status', 'statusCode']);

export interface ResponseVerdict {
  unchecked: boolean;
  /** `const res = await fetch(u)`: the variable and its declaration statement, where a status check can be inserted. */
  binding?: { name: string; statement: ts.VariableStatement };
}

type UseKind = 'check' | 'handled' | 'body' | 'return' | 'neutral';

interface Use {
  position: number;
  kind: UseKind;
  /** The use is part of a `return` (or an arrow's expression body): nothing after it in the function can guard it. */
  returned: boolean;
  /** The statement the use is in: a status read in the same statement goes with it (`new Response(res.body, { status: res.status })`). */
  statement: ts.Node;
}

const FINE: ResponseVerdict = { unchecked: false };
const UNCHECKED: ResponseVerdict = { unchecked: true };

export function analyzeResponse(call: ts.CallExpression, status: ResponseStatusFact): ResponseVerdict {
  const value = outermostValue(call);
  const parent = value.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.expression === value) {
    const invoked = ts.isCallExpression(parent.parent) && parent.parent.expression === parent ? parent.parent : undefined;
    const name = parent.name.text;
    if (name === 'then' && invoked) return thenCallback(invoked, status);
    if ((name === 'catch' || name === 'finally') && invoked) return analyzeResponse(invoked, status);
    // `(await fetch(u)).json()`, `got(u, { throwHttpErrors: false }).json()`: the body, and no way to have looked at the status.
    if (isStatusProperty(name, status)) return FINE;
    return BODY_METHODS.has(name) || name === 'body' || status.check === 'at-all' ? UNCHECKED : FINE;
  }
  if (ts.isVariableDeclaration(parent) && parent.initializer === value) return declared(parent, status);
  if (ts.isReturnStatement(parent) || (ts.isArrowFunction(parent) && parent.body === value)) {
    // Returned as is: the caller gets the response (and, for a client told not to throw, can still read its status).
    return status.check === 'before-body' ? UNCHECKED : FINE;
  }
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === value && ts.isIdentifier(parent.left)) {
    const scope = enclosingScope(parent);
    return verdict(usesOf(scope, parent.left.text, parent.end, undefined, status), status) ? UNCHECKED : FINE;
  }
  // Passed to a function, put in an array (`Promise.all`), or discarded: nothing here reads a body.
  return FINE;
}

function declared(declaration: ts.VariableDeclaration, status: ResponseStatusFact): ResponseVerdict {
  if (ts.isObjectBindingPattern(declaration.name)) return destructured(declaration.name, status) ? UNCHECKED : FINE;
  if (!ts.isIdentifier(declaration.name)) return FINE;
  const name = declaration.name.text;
  const unchecked = verdict(usesOf(enclosingScope(declaration), name, declaration.end, declaration, status), status);
  if (!unchecked) return FINE;
  const list = declaration.parent;
  const statement = list.parent;
  const blockScoped = (list.flags & (ts.NodeFlags.Const | ts.NodeFlags.Let)) !== 0;
  if (blockScoped && ts.isVariableStatement(statement) && isStatementListItem(statement)) return { unchecked: true, binding: { name, statement } };
  return UNCHECKED;
}

/** `fetch(u).then((res) => …)`: the callback's parameter is the response. A named function is "another function". */
function thenCallback(thenCall: ts.CallExpression, status: ResponseStatusFact): ResponseVerdict {
  const callback = thenCall.arguments[0];
  if (!callback) return FINE;
  const fn = skipWrappers(callback);
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return FINE;
  const parameter = fn.parameters[0];
  if (!parameter) return FINE;
  if (ts.isObjectBindingPattern(parameter.name)) return destructured(parameter.name, status) ? UNCHECKED : FINE;
  if (!ts.isIdentifier(parameter.name)) return FINE;
  return verdict(usesOf(fn, parameter.name.text, parameter.end, parameter, status), status) ? UNCHECKED : FINE;
}

/** `const { body } = await request(u)` reads the body without the status; `{ statusCode, body }` looks at it. */
function destructured(pattern: ts.ObjectBindingPattern, status: ResponseStatusFact): boolean {
  const keys: string[] = [];
  for (const element of pattern.elements) {
    if (element.dotDotDotToken) return false;
    const key = element.propertyName ?? element.name;
    if (!ts.isIdentifier(key) && !ts.isStringLiteral(key)) return false;
    keys.push(key.text);
  }
  if (keys.some((key) => isStatusProperty(key, status))) return false;
  return status.check === 'at-all' || keys.some((key) => key === 'body' || BODY_METHODS.has(key));
}

function verdict(uses: Use[], status: ResponseStatusFact): boolean {
  const guards = uses.filter((use) => use.kind === 'check' || use.kind === 'handled');
  if (status.check === 'at-all') {
    // Unused (discarded) responses are not reported; returned ones can still be read by the caller.
    return uses.length > 0 && guards.length === 0 && !uses.some((use) => use.kind === 'return');
  }
  for (const use of uses) {
    if (use.kind !== 'body' && use.kind !== 'return') continue;
    if (guards.some((guard) => guard.position < use.position || guard.statement === use.statement)) continue;
    // Reading the body first to build the error (`const body = await res.json(); if (!res.ok) throw …`) is fine,
    // unless the read leaves the function before the check.
    if (use.kind === 'body' && !use.returned && guards.some((guard) => guard.position > use.position)) continue;
    return true;
  }
  return false;
}

/** References to `name` in `scope` after `after`, classified; nested scopes that declare their own `name` are skipped. */
function usesOf(scope: ts.Node, name: string, after: number, own: ts.Node | undefined, status: ResponseStatusFact): Use[] {
  const uses: Use[] = [];
  const stack: ts.Node[] = [scope];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node !== scope && node !== own && shadows(node, name, own)) continue;
    if (ts.isIdentifier(node) && node.text === name && node.getStart() >= after && isReference(node)) {
      uses.push({ position: node.getStart(), kind: classify(node, status), returned: isReturned(node, scope), statement: statementOf(node, scope) });
    }
    ts.forEachChild(node, (child) => {
      stack.push(child);
    });
  }
  return uses.sort((a, b) => a.position - b.position);
}

function classify(identifier: ts.Identifier, status: ResponseStatusFact): UseKind {
  const node = outermostValue(identifier);
  const parent = node.parent;
  if ((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === node) {
    const property = ts.isPropertyAccessExpression(parent) ? parent.name.text : ts.isStringLiteral(parent.argumentExpression) ? parent.argumentExpression.text : undefined;
    if (property === undefined) return 'handled';
    if (isStatusProperty(property, status)) return 'check';
    return property === 'body' || BODY_METHODS.has(property) ? 'body' : 'neutral';
  }
  if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.includes(node as ts.Expression)) return 'handled';
  if (ts.isReturnStatement(parent) || (ts.isArrowFunction(parent) && parent.body === node)) return 'return';
  if (ts.isVariableDeclaration(parent) && parent.initializer === node) {
    return ts.isObjectBindingPattern(parent.name) ? (destructured(parent.name, status) ? 'body' : 'check') : 'handled';
  }
  // Stored, spread or yielded somewhere: it leaves this analysis, so it counts as handled.
  if (
    ts.isShorthandPropertyAssignment(parent) ||
    (ts.isPropertyAssignment(parent) && parent.initializer === node) ||
    ts.isArrayLiteralExpression(parent) ||
    ts.isSpreadElement(parent) ||
    ts.isSpreadAssignment(parent) ||
    ts.isYieldExpression(parent) ||
    (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === node)
  ) {
    return 'handled';
  }
  return 'neutral';
}

function isStatusProperty(name: string, status: ResponseStatusFact): boolean {
  return STATUS_PROPERTIES.has(name) || status.properties.includes(name);
}

/** An identifier that reads a variable (not a declaration's name, a property name or a label). */
function isReference(identifier: ts.Identifier): boolean {
  const parent = identifier.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isBindingElement(parent)) && parent.name === identifier) return false;
  if (ts.isBindingElement(parent) && parent.propertyName === identifier) return false;
  if (ts.isPropertyAccessExpression(parent) && parent.name === identifier) return false;
  if ((ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent)) && parent.name === identifier) return false;
  if ((ts.isFunctionDeclaration(parent) || ts.isFunctionExpression(parent) || ts.isClassDeclaration(parent)) && parent.name === identifier) return false;
  return !ts.isLabeledStatement(parent) && !ts.isBreakOrContinueStatement(parent);
}

/** A nested function whose parameters declare `name`, or a block (not the one holding `own`) with its own `const/let name`. */
function shadows(node: ts.Node, name: string, own: ts.Node | undefined): boolean {
  if (ts.isFunctionLike(node)) return node.parameters.some((parameter) => bindsName(parameter.name, name));
  if (ts.isBlock(node) || ts.isSourceFile(node)) {
    if (own && own.pos >= node.pos && own.end <= node.end) return false;
    return node.statements.some(
      (statement) => ts.isVariableStatement(statement) && statement.declarationList.declarations.some((declaration) => bindsName(declaration.name, name)),
    );
  }
  return false;
}

function bindsName(binding: ts.BindingName, name: string): boolean {
  if (ts.isIdentifier(binding)) return binding.text === name;
  return binding.elements.some((element) => !ts.isOmittedExpression(element) && bindsName(element.name, name));
}

function isReturned(node: ts.Node, scope: ts.Node): boolean {
  for (let current = node; current !== scope && current.parent; current = current.parent) {
    const parent = current.parent;
    if (ts.isReturnStatement(parent)) return true;
    if (ts.isArrowFunction(parent) && parent.body === current) return true;
    if (ts.isStatement(parent) || ts.isFunctionLike(parent)) return false;
  }
  return false;
}

function statementOf(node: ts.Node, scope: ts.Node): ts.Node {
  let current = node;
  while (current.parent && current.parent !== scope && !ts.isStatement(current)) current = current.parent;
  return current;
}

/** The function (or file) whose code a declaration belongs to. */
function enclosingScope(node: ts.Node): ts.Node {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current) || ts.isSourceFile(current) || ts.isClassStaticBlockDeclaration(current)) return current;
  }
  return node.getSourceFile();
}

function isStatementListItem(statement: ts.Statement): boolean {
  const parent = statement.parent;
  return ts.isBlock(parent) || ts.isSourceFile(parent) || ts.isModuleBlock(parent) || ts.isCaseClause(parent) || ts.isDefaultClause(parent);
}

/** Climb through what passes a value on unchanged: parentheses, `await`, casts, `!`. */
function outermostValue(node: ts.Expression): ts.Expression {
  let current = node;
  while (
    (ts.isParenthesizedExpression(current.parent) ||
      ts.isAwaitExpression(current.parent) ||
      ts.isAsExpression(current.parent) ||
      ts.isSatisfiesExpression(current.parent) ||
      ts.isNonNullExpression(current.parent) ||
      ts.isTypeAssertionExpression(current.parent)) &&
    current.parent.expression === current
  ) {
    current = current.parent;
  }
  return current;
}

function skipWrappers(node: ts.Expression): ts.Expression {
  let current = node;
  while (ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isSatisfiesExpression(current)) current = current.expression;
  return current;
}
