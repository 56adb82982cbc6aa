import ts from 'typescript';
import type { MessageSendFact } from '../server/src/engine/facts/types.js';
import type { AnalyzedFile, SystemModel } from '../server/src/engine/model/types.js';
import { defineRule, type Report } from '../server/src/engine/rule-api.js';
import type { Fix } from '../server/src/engine/types.js';
import { callsIn, describeRemoteCall, describeSend, isAwaitedCall, ownEffects, quote, stripParentheses, walk } from './support/remote-interactions.js';

/** A loop over a collection: the code that runs once per element, and the collection as written. */
interface CollectionLoop {
  node: ts.Node;
  body: ts.Node;
  collection: string;
}

const FAN_OUT = new Set(['all', 'allSettled']);

export default defineRule({
  id: 'remote-call-in-loop',
  category: 'synchronous-coupling',
  severity: 'warning',
  fix: 'unsafe',
  description: 'Awaiting a remote call or message send per element of a collection makes N round trips; batch them.',
  options: {
    flagParallelFanOut: {
      type: 'boolean',
      default: false,
      description: 'Also report remote calls and sends made per element inside `Promise.all(items.map(...))`.',
    },
  },
  check({ file, model, options, report }) {
    const reported = new Set<number>();
    const once = (start: number, finding: Report) => {
      if (reported.has(start)) return;
      reported.add(start);
      report(finding);
    };
    const loops: CollectionLoop[] = [];
    const fanOuts: CollectionLoop[] = [];
    walk(
      file.sourceFile,
      (node) => {
        const loop = collectionLoop(file, node);
        if (loop) loops.push(loop);
        const fanOut = options.flagParallelFanOut ? parallelFanOut(file, node) : undefined;
        if (fanOut) fanOuts.push(fanOut);
      },
      { enterFunctions: true },
    );
    // Innermost loops first: a call in nested loops is reported once, for the loop that repeats it directly.
    for (const loop of loops.reverse()) checkLoop(file, model, loop, once);
    for (const fanOut of fanOuts.reverse()) checkFanOut(file, model, fanOut, once);
  },
});

function collectionLoop(file: AnalyzedFile, node: ts.Node): CollectionLoop | undefined {
  const text = (n: ts.Node) => quote(n.getText(file.sourceFile));
  // `for await` reads a stream (a consumer, a paginated generator), not a collection already in hand.
  if (ts.isForOfStatement(node) && !node.awaitModifier) return { node, body: node.statement, collection: text(node.expression) };
  if (ts.isForInStatement(node)) return { node, body: node.statement, collection: text(node.expression) };
  if (ts.isForStatement(node) && node.condition) {
    // `for (let i = 0; i < xs.length; i++)`: an index loop over an array. Counted loops (`attempt < 3`) are retries or batches.
    let owner: ts.Expression | undefined;
    walk(node.condition, (n) => {
      if (!owner && ts.isPropertyAccessExpression(n) && n.name.text === 'length') owner = n.expression;
    });
    return owner ? { node, body: node.statement, collection: text(owner) } : undefined;
  }
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ['forEach', 'reduce', 'reduceRight'].includes(node.expression.name.text)) {
    const callback = node.arguments[0] && stripParentheses(node.arguments[0]);
    if (callback && (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))) {
      return { node, body: callback.body, collection: text(node.expression.expression) };
    }
  }
  return undefined;
}

function checkLoop(file: AnalyzedFile, model: SystemModel, loop: CollectionLoop, report: (start: number, finding: Report) => void): void {
  const bodyCalls = callsIn(loop.body);
  const sends = new Map(file.facts.messageSends.map((send) => [`${send.start}:${send.end}`, send]));
  for (const call of bodyCalls) {
    if (!isAwaitedCall(file, call) || isRetryAttempt(call, loop) || leavesLoop(call, loop)) continue;
    const start = call.getStart(file.sourceFile);
    const send = sends.get(`${start}:${call.end}`);
    const effects = send ? [] : ownEffects(model, file, call);
    if (!send && effects.length === 0) continue;
    const what = send ? `\`${describeSend(file, send)}\` is sent` : `\`${describeRemoteCall(model, file, call, effects)}\` is called`;
    const fix = singleCallLoopFix(file, loop, call);
    report(start, {
      start,
      end: call.end,
      message:
        `${what} and awaited once per element of \`${loop.collection}\`: N elements cost N round trips of latency and load. ` +
        (send ? 'Send them as one batch (`addBulk`, `sendBatch`, one message for all), or together with `Promise.all`.' : 'Fetch them in one batch request, or run them together with `Promise.all`.'),
      fixes: fix ? [fix] : [],
    });
  }
}

/**
 * A call inside a `try` that leaves the loop when it succeeds (`try { return await call(); } catch { … }`): the loop
 * retries one call, it does not make one per element (unbounded-retry judges those).
 */
function isRetryAttempt(call: ts.Node, loop: CollectionLoop): boolean {
  for (let current: ts.Node | undefined = call.parent; current && current !== loop.body; current = current.parent) {
    if (ts.isTryStatement(current) && current.tryBlock.pos <= call.pos && call.end <= current.tryBlock.end) {
      let exits = false;
      walk(current.tryBlock, (node) => {
        if (ts.isReturnStatement(node) || ts.isBreakStatement(node)) exits = true;
      });
      if (exits) return true;
    }
  }
  return false;
}

/** `for (…) { if (found) return await fetch(x); }`: a call whose result is returned runs once, as the loop ends. */
function leavesLoop(call: ts.Node, loop: CollectionLoop): boolean {
  // In a forEach/reduce callback, `return` ends one element's callback, not the loop.
  if (ts.isCallExpression(loop.node)) return false;
  for (let current: ts.Node | undefined = call.parent; current && current !== loop.body; current = current.parent) {
    if (ts.isReturnStatement(current) || ts.isThrowStatement(current)) return true;
  }
  return false;
}

/** `Promise.all(items.map((item) => call(item)))`: the mapped callback. */
function parallelFanOut(file: AnalyzedFile, node: ts.Node): CollectionLoop | undefined {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return undefined;
  const { expression: owner, name } = node.expression;
  if (!ts.isIdentifier(owner) || owner.text !== 'Promise' || !FAN_OUT.has(name.text)) return undefined;
  const argument = node.arguments[0] && stripParentheses(node.arguments[0]);
  if (!argument || !ts.isCallExpression(argument) || !ts.isPropertyAccessExpression(argument.expression) || argument.expression.name.text !== 'map') return undefined;
  const callback = argument.arguments[0] && stripParentheses(argument.arguments[0]);
  if (!callback || !(ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))) return undefined;
  return { node, body: callback.body, collection: quote(argument.expression.expression.getText(file.sourceFile)) };
}

function checkFanOut(file: AnalyzedFile, model: SystemModel, fanOut: CollectionLoop, report: (start: number, finding: Report) => void): void {
  for (const call of callsIn(fanOut.body)) {
    const start = call.getStart(file.sourceFile);
    const send: MessageSendFact | undefined = file.facts.messageSends.find((fact) => fact.start === start && fact.end === call.end);
    const effects = send ? [] : ownEffects(model, file, call);
    if (!send && effects.length === 0) continue;
    const what = send ? `\`${describeSend(file, send)}\` is sent` : `\`${describeRemoteCall(model, file, call, effects)}\` is called`;
    report(start, {
      start,
      end: call.end,
      message:
        `${what} once per element of \`${fanOut.collection}\`, all at once: a large collection becomes a burst of N requests ` +
        'against one dependency. Use a batch endpoint or message, or limit the concurrency.',
    });
  }
}

/**
 * `for (const x of xs) { await send(x); }` → `await Promise.all(xs.map((x) => send(x)));`. Unsafe: the calls then run
 * concurrently, in no fixed order, and a failure no longer stops the ones after it.
 */
function singleCallLoopFix(file: AnalyzedFile, loop: CollectionLoop, call: ts.CallExpression): Fix | undefined {
  const node = loop.node;
  if (!ts.isForOfStatement(node) || !ts.isVariableDeclarationList(node.initializer)) return undefined;
  if (!(node.initializer.flags & ts.NodeFlags.BlockScoped) || node.initializer.declarations.length !== 1) return undefined;
  const body = ts.isBlock(node.statement) ? (node.statement.statements.length === 1 ? node.statement.statements[0] : undefined) : node.statement;
  if (!body || !ts.isExpressionStatement(body) || !ts.isAwaitExpression(body.expression)) return undefined;
  const operand = body.expression.expression;
  if (stripParentheses(operand) !== call) return undefined;
  const source = (n: ts.Node) => file.text.slice(n.getStart(file.sourceFile), n.end);
  const binding = source(node.initializer.declarations[0]!.name);
  const mapper = `(${binding}) => ${source(operand)}`;
  const collection = node.expression;
  // Iterators and Maps/Sets have no `.map`: Array.from(iterable, mapper) takes any iterable.
  const isIteratorCall = ts.isCallExpression(collection) && ts.isPropertyAccessExpression(collection.expression) && ['keys', 'values', 'entries'].includes(collection.expression.name.text) && collection.expression.expression.getText(file.sourceFile) !== 'Object';
  const needsParentheses = !(ts.isIdentifier(collection) || ts.isPropertyAccessExpression(collection) || ts.isElementAccessExpression(collection) || ts.isCallExpression(collection) || ts.isArrayLiteralExpression(collection) || ts.isParenthesizedExpression(collection));
  const list = isIteratorCall ? `Array.from(${source(collection)}, ${mapper})` : `${needsParentheses ? `(${source(collection)})` : source(collection)}.map(${mapper})`;
  return {
    title: 'Run the calls together with Promise.all',
    kind: 'unsafe',
    edits: { [file.path]: [{ start: node.getStart(file.sourceFile), end: node.end, newText: `await Promise.all(${list});` }] },
  };
}
