// A wrapper's parameters take the values its callers pass (`sendEvent(pattern, body)` called with three patterns is three
// sends): given the call sites that led from a caller to a library call, each hop's arguments are bound to the next
// function's parameters, so the string folder can fold the library call's arguments per caller.
import ts from 'typescript';
import type { Location } from '../types.js';
import { findNodeAt, type ParameterBindings } from './string-folding.js';
import type { AnalyzedFile } from './types.js';

/** `hops`: the call sites from the outermost caller inward, ending with the library call itself. */
export function parameterBindingsAlong(file: (path: string) => AnalyzedFile | undefined, hops: readonly Location[]): ParameterBindings {
  const bindings = new Map<ts.ParameterDeclaration, { file: AnalyzedFile; node: ts.Expression }>();
  for (let i = 0; i + 1 < hops.length; i++) {
    const callerFile = file(hops[i]!.file);
    const calleeFile = file(hops[i + 1]!.file);
    const call = callerFile && findNodeAt(callerFile.sourceFile, hops[i]!.start, hops[i]!.end);
    const inner = calleeFile && findNodeAt(calleeFile.sourceFile, hops[i + 1]!.start, hops[i + 1]!.end);
    const callee = inner && enclosingFunction(inner);
    if (!call || !ts.isCallExpression(call) || !callee) continue;
    callee.parameters.forEach((parameter, index) => {
      const argument = call.arguments[index];
      if (argument && !ts.isSpreadElement(argument)) bindings.set(parameter, { file: callerFile, node: argument });
    });
  }
  return bindings;
}

/**
 * The function a call inside `node` belongs to for its callers: callbacks written inline as arguments
 * (`new Promise((resolve) => client.emit(topic, …))`, `.then(() => …)`) run as part of the function around them.
 */
function enclosingFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (!ts.isFunctionLike(current)) continue;
    const isInlineCallback = (ts.isArrowFunction(current) || ts.isFunctionExpression(current)) && (ts.isCallExpression(current.parent) || ts.isNewExpression(current.parent));
    if (!isInlineCallback) return current;
  }
  return undefined;
}
