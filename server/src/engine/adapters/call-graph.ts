// The call graph's raw material, library-neutral: every function, every call with a syntactic description of its
// callee, each class's injected fields, and `new X()` bindings. The model resolves callees across files and
// summarises which functions are remote ("InventoryClient.getItem makes a GET to inventory").
import ts from 'typescript';
import type { FactsAdapter } from '../facts/adapter.js';
import type { FileIndex } from '../facts/file-index.js';
import { functionIdOf } from '../facts/function-ids.js';
import { isAwaited } from './awaited.js';
import { hasModifier, isTransparentWrapper } from '../facts/syntax.js';
import type { CalleeRef, CallSiteFact, ClassFact, FunctionFact, InstanceBindingFact } from '../facts/types.js';

export const callGraphAdapter: FactsAdapter = {
  name: 'call-graph',
  extract(file, facts) {
    const functionIds = new Map<ts.Node, string>();
    for (const fn of file.functions) functionIds.set(fn, functionIdOf(fn, file));
    for (const fn of file.functions) facts.functions.push(functionFact(file, fn, functionIds));
    for (const call of file.calls) facts.callSites.push(callSiteFact(file, call, functionIds));
    for (const cls of file.classes) {
      const fact = classFact(file, cls);
      if (fact) facts.classes.push(fact);
    }
    for (const construction of file.constructions) {
      const binding = instanceBinding(file, construction);
      if (binding) facts.instanceBindings.push(binding);
    }
  },
};

function functionFact(file: FileIndex, fn: ts.FunctionLikeDeclaration, ids: Map<ts.Node, string>): FunctionFact {
  const id = ids.get(fn)!;
  const cls = ts.isClassLike(fn.parent) ? fn.parent : undefined;
  const span = file.span(fn);
  const named = !id.startsWith('<anonymous>');
  return {
    ...span,
    id,
    name: named ? id.split('.').pop() : undefined,
    className: cls?.name?.text,
    exported: isExportedFunction(file, fn, cls),
    // Anonymous functions written inside another function run as part of it (callbacks, IIFEs, promise chains).
    inlineIn: named ? undefined : enclosingFunctionId(file, fn, ids),
    body: file.span(fn.body!),
  };
}

function isExportedFunction(file: FileIndex, fn: ts.FunctionLikeDeclaration, cls: ts.ClassLikeDeclaration | undefined): boolean {
  if (cls) return (ts.isClassDeclaration(cls) && file.isExportedDeclaration(cls)) || (ts.isClassExpression(cls) && file.isExportedValue(cls));
  if (ts.isFunctionDeclaration(fn)) return file.isExportedDeclaration(fn);
  if (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) return file.isExportedValue(fn);
  return false;
}

function enclosingFunctionId(file: FileIndex, node: ts.Node, ids: Map<ts.Node, string>): string | undefined {
  // Memoised per ancestor: a 10,000-deep promise chain would otherwise walk its whole height once per call.
  const memo = enclosingMemo(file);
  const path: ts.Node[] = [];
  let found: string | undefined;
  for (let current = file.parentOf(node); current; current = file.parentOf(current)) {
    if (memo.has(current)) {
      found = memo.get(current);
      break;
    }
    path.push(current);
    const id = ids.get(current);
    if (id) {
      found = id;
      break;
    }
  }
  for (const visited of path) memo.set(visited, ids.get(visited) ?? found);
  return found;
}

const enclosingMemos = new WeakMap<FileIndex, Map<ts.Node, string | undefined>>();

function enclosingMemo(file: FileIndex): Map<ts.Node, string | undefined> {
  let memo = enclosingMemos.get(file);
  if (!memo) enclosingMemos.set(file, (memo = new Map()));
  return memo;
}

function callSiteFact(file: FileIndex, call: ts.CallExpression, ids: Map<ts.Node, string>): CallSiteFact {
  return { ...file.span(call), caller: enclosingFunctionId(file, call, ids) ?? '<module>', callee: calleeRef(call.expression), awaited: isAwaitedValue(file, call) };
}

function calleeRef(expression: ts.Expression): CalleeRef {
  let callee = expression;
  while (isTransparentWrapper(callee)) callee = callee.expression;
  if (ts.isIdentifier(callee)) return { kind: 'name', name: callee.text };
  if (!ts.isPropertyAccessExpression(callee)) return { kind: 'other' };
  const method = callee.name.text;
  const receiver = callee.expression;
  if (receiver.kind === ts.SyntaxKind.ThisKeyword) return { kind: 'this-method', method };
  if (ts.isPropertyAccessExpression(receiver) && receiver.expression.kind === ts.SyntaxKind.ThisKeyword) {
    return { kind: 'this-field-method', field: receiver.name.text, method };
  }
  if (ts.isIdentifier(receiver)) return { kind: 'binding-method', binding: receiver.text, method };
  return { kind: 'other' };
}

/**
 * Whether the caller waits for the call's result: awaited (see awaited.ts), or returned from an async function or
 * arrow (its own caller then awaits the same promise).
 */
function isAwaitedValue(file: FileIndex, call: ts.Expression): boolean {
  if (isAwaited(file, call)) return true;
  let current: ts.Node = call;
  for (let parent = file.parentOf(current); parent && isTransparentWrapper(parent); parent = file.parentOf(current)) current = parent;
  const parent = file.parentOf(current);
  if (!parent) return false;
  const fn = ts.isReturnStatement(parent) ? file.ancestor(parent, ts.isFunctionLike) : ts.isArrowFunction(parent) && parent.body === current ? parent : undefined;
  return fn !== undefined && hasModifier(fn, ts.SyntaxKind.AsyncKeyword);
}

function classFact(file: FileIndex, cls: ts.ClassLikeDeclaration): ClassFact | undefined {
  const name = cls.name?.text ?? (ts.isClassExpression(cls) ? variableNameOf(file, cls) : undefined);
  if (!name) return undefined;
  const fieldTypes: Record<string, string> = {};
  const injectionTokens: Record<string, string> = {};
  const methods: string[] = [];
  for (const member of cls.members) {
    if (ts.isMethodDeclaration(member) && member.name && ts.isIdentifier(member.name)) methods.push(member.name.text);
    if (ts.isPropertyDeclaration(member) && ts.isIdentifier(member.name)) {
      const typeName = typeNameOf(member.type) ?? constructedClassName(member.initializer);
      if (typeName) fieldTypes[member.name.text] = typeName;
      const token = injectionToken(member);
      if (token) injectionTokens[member.name.text] = token;
    }
    if (ts.isConstructorDeclaration(member)) {
      for (const parameter of member.parameters) {
        // Only parameter properties (`private readonly x: X`) become fields; plain parameters are recorded when assigned.
        if (!ts.isIdentifier(parameter.name) || !ts.getModifiers(parameter)?.length) continue;
        const typeName = typeNameOf(parameter.type);
        if (typeName) fieldTypes[parameter.name.text] = typeName;
        const token = injectionToken(parameter);
        if (token) injectionTokens[parameter.name.text] = token;
      }
    }
  }
  // `this.client = new InventoryClient(...)` in the constructor.
  for (const [field, assignments] of file.thisMemberAssignments) {
    for (const assignment of assignments) {
      if (file.ancestor(assignment, ts.isClassLike) !== cls) continue;
      const typeName = constructedClassName(assignment.right);
      if (typeName && !fieldTypes[field]) fieldTypes[field] = typeName;
    }
  }
  const exported = ts.isClassDeclaration(cls) ? file.isExportedDeclaration(cls) : file.isExportedValue(cls);
  return { ...file.span(cls), name, exported, methods, fieldTypes, injectionTokens };
}

function typeNameOf(type: ts.TypeNode | undefined): string | undefined {
  if (!type || !ts.isTypeReferenceNode(type)) return undefined;
  return ts.isIdentifier(type.typeName) ? type.typeName.text : type.typeName.right.text;
}

function constructedClassName(expression: ts.Expression | undefined): string | undefined {
  let current = expression;
  while (current && isTransparentWrapper(current)) current = current.expression;
  if (!current || !ts.isNewExpression(current)) return undefined;
  const callee = current.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  return ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
}

function injectionToken(node: ts.HasDecorators): string | undefined {
  for (const decorator of ts.getDecorators(node) ?? []) {
    const call = decorator.expression;
    if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression) || call.expression.text !== 'Inject') continue;
    const argument = call.arguments[0];
    if (argument && ts.isStringLiteralLike(argument)) return argument.text;
    if (argument && ts.isIdentifier(argument)) return argument.text;
  }
  return undefined;
}

function instanceBinding(file: FileIndex, construction: ts.NewExpression): InstanceBindingFact | undefined {
  const className = constructedClassName(construction);
  const variable = file.assignedVariable(construction);
  if (!className || !variable || !ts.isIdentifier(variable.name)) return undefined;
  return { ...file.span(variable), name: variable.name.text, className, exported: file.isExportedVariable(variable) };
}

function variableNameOf(file: FileIndex, expression: ts.Expression): string | undefined {
  const variable = file.assignedVariable(expression);
  return variable && ts.isIdentifier(variable.name) ? variable.name.text : undefined;
}
