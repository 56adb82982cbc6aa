// The id of a function-like node, unique enough within its file and stable across edits elsewhere in the file for
// named functions. The call graph (FunctionFact ids) and the endpoint facts (handler ids) both use it, so a handler
// found by the routes adapter is the same node the call graph summarises.
//   function name() {}                        → 'name'
//   const name = () => … / function () {}     → 'name'            (const only: a `let` may be reassigned)
//   class C { m() {} constructor() {} get x() {} set x(v) {} } → 'C.m', 'C.constructor', 'C.get:x', 'C.set:x'
//   anything else (callbacks, object-literal methods, class fields holding arrows, unnamed classes)
//                                             → '<anonymous>@<start offset>'
import ts from 'typescript';
import type { FileIndex } from './file-index.js';
import { isTransparentWrapper, staticPropertyName } from './syntax.js';

export function functionIdOf(node: ts.Node, file: FileIndex): string {
  return namedFunctionId(node, file) ?? `<anonymous>@${node.getStart(file.sourceFile)}`;
}

function namedFunctionId(node: ts.Node, file: FileIndex): string | undefined {
  if (ts.isFunctionDeclaration(node)) return node.name?.text;
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return constName(node, file);
  if (ts.isMethodDeclaration(node) || ts.isConstructorDeclaration(node) || ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node)) {
    const owner = file.parentOf(node);
    // Object-literal methods and accessors have no class to be named after.
    if (!owner || !ts.isClassLike(owner)) return undefined;
    const className = classNameOf(owner, file);
    const member = memberName(node);
    return className !== undefined && member !== undefined ? `${className}.${member}` : undefined;
  }
  return undefined;
}

function memberName(node: ts.MethodDeclaration | ts.ConstructorDeclaration | ts.AccessorDeclaration): string | undefined {
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const name = staticPropertyName(node.name);
  if (name === undefined) return undefined;
  if (ts.isGetAccessorDeclaration(node)) return `get:${name}`;
  if (ts.isSetAccessorDeclaration(node)) return `set:${name}`;
  return name;
}

/** A class's own name, or for `const Name = class { … }` the constant's name. */
function classNameOf(owner: ts.ClassLikeDeclaration, file: FileIndex): string | undefined {
  if (owner.name) return owner.name.text;
  return ts.isClassExpression(owner) ? constName(owner, file) : undefined;
}

/** `const name = <node>` (through parentheses, `as`, `satisfies`, `!`): the constant's name. */
function constName(node: ts.Expression, file: FileIndex): string | undefined {
  let current: ts.Node = node;
  let parent = file.parentOf(current);
  while (parent && isTransparentWrapper(parent)) {
    current = parent;
    parent = file.parentOf(current);
  }
  if (!parent || !ts.isVariableDeclaration(parent) || parent.initializer !== current || !ts.isIdentifier(parent.name)) return undefined;
  const list = file.parentOf(parent);
  // `await using` sets the Const bit too: compare the whole block-scope kind.
  return list && ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.BlockScoped) === ts.NodeFlags.Const ? parent.name.text : undefined;
}
