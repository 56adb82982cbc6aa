// Whether the code that makes a call waits for it: the `awaited` of remote-call and message-send facts. Awaiting is
// followed through what only passes the promise on: parentheses and casts, promise chains (`.then/.catch/.finally`),
// rxjs `firstValueFrom`/`lastValueFrom` and `.toPromise()` (NestJS ClientProxy returns observables), AWS SDK v2 `.promise()`.
import ts from 'typescript';
import type { FileIndex } from '../facts/file-index.js';
import { originOf } from '../facts/origins.js';

/** Methods whose result settles when the receiver does. */
const PASS_THROUGH_METHODS = new Set(['then', 'catch', 'finally', 'toPromise', 'promise']);
const RXJS_TO_PROMISE = new Set(['firstValueFrom', 'lastValueFrom']);

/** `await x`, `yield x`, `await x.then(…)`, `await firstValueFrom(x)`, `return await x`: the enclosing code waits for x to settle. */
export function isAwaited(file: FileIndex, expression: ts.Expression): boolean {
  let current: ts.Node = expression;
  // Bounded: each step moves to an ancestor, and a tree is finite; the bound guards against a malformed parent map.
  for (let steps = 0; steps < 64; steps++) {
    const parent = file.parentOf(current);
    if (!parent) return false;
    if (ts.isAwaitExpression(parent) || ts.isYieldExpression(parent)) return true;
    if (
      ts.isParenthesizedExpression(parent) ||
      ts.isAsExpression(parent) ||
      ts.isSatisfiesExpression(parent) ||
      ts.isNonNullExpression(parent) ||
      ts.isTypeAssertionExpression(parent)
    ) {
      current = parent;
      continue;
    }
    if (ts.isPropertyAccessExpression(parent) && parent.expression === current && PASS_THROUGH_METHODS.has(parent.name.text)) {
      const chained = file.parentOf(parent);
      if (!chained || !ts.isCallExpression(chained) || chained.expression !== parent) return false;
      current = chained;
      continue;
    }
    if (ts.isCallExpression(parent) && parent.arguments[0] === current && isRxjsToPromise(file, parent)) {
      current = parent;
      continue;
    }
    return false;
  }
  return false;
}

function isRxjsToPromise(file: FileIndex, call: ts.CallExpression): boolean {
  const origin = originOf(file, call.expression);
  return origin !== undefined && (origin.module === 'rxjs' || origin.module.startsWith('rxjs/')) && origin.path.length === 1 && RXJS_TO_PROMISE.has(origin.path[0]!);
}
