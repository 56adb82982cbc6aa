// What the synchronous-coupling rules share: walking a function's code without entering the functions written in it,
// asking the model what a call does remotely, whether the code waits for it, and naming a call in a message.
import ts from 'typescript';
import { reverseFrom } from '../../server/src/engine/facts/syntax.js';
import type { MessageSendFact } from '../../server/src/engine/facts/types.js';
import type { AnalyzedFile, RemoteEffect, SystemModel } from '../../server/src/engine/model/types.js';

/** Messages quote calls by their text up to this length. */
const QUOTE_LIMIT = 60;

/**
 * Visit `root` and its descendants in source order with an explicit stack (deep trees must not overflow the call stack).
 * Functions written inside `root` are not entered unless `enterFunctions`: their code runs later, or not at all.
 */
export function walk(root: ts.Node, visit: (node: ts.Node) => void, options: { enterFunctions?: boolean } = {}): void {
  const stack: ts.Node[] = [root];
  const pushChild = (child: ts.Node): void => {
    stack.push(child);
  };
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(node);
    if (node !== root && !options.enterFunctions && ts.isFunctionLike(node)) continue;
    // No array per node: rules walk every function of every file.
    const first = stack.length;
    ts.forEachChild(node, pushChild);
    reverseFrom(stack, first);
  }
}

/** The call expressions evaluated by `root` itself (not inside functions written in it), in source order. */
export function callsIn(root: ts.Node): ts.CallExpression[] {
  const calls: ts.CallExpression[] = [];
  walk(root, (node) => {
    if (ts.isCallExpression(node)) calls.push(node);
  });
  return calls;
}

export function effectsOf(model: SystemModel, file: AnalyzedFile, call: ts.CallExpression): RemoteEffect[] {
  return model.remoteEffectsOf(file.path, call.getStart(file.sourceFile), call.end);
}

/**
 * The remote effects that belong to this call rather than to a library call nested in its arguments
 * (`firstValueFrom(http.get(u))` reaches `http.get`, which is reported at itself).
 */
export function ownEffects(model: SystemModel, file: AnalyzedFile, call: ts.CallExpression): RemoteEffect[] {
  const start = call.getStart(file.sourceFile);
  return effectsOf(model, file, call).filter(
    (effect) => effect.via.length > 0 || effect.call.file !== file.path || (effect.call.fact.start === start && effect.call.fact.end === call.end),
  );
}

/**
 * Whether the code waits for the call. The facts know the library idioms (`firstValueFrom`, `.promise()`): a library call
 * or call site at exactly this span answers first; otherwise the syntax does (await through parentheses, casts, `.then`).
 */
export function isAwaitedCall(file: AnalyzedFile, call: ts.CallExpression): boolean {
  const start = call.getStart(file.sourceFile);
  const same = (fact: { start: number; end: number }) => fact.start === start && fact.end === call.end;
  const known = file.facts.remoteCalls.find(same) ?? file.facts.callSites.find(same) ?? file.facts.messageSends.find(same);
  return known ? known.awaited : isAwaitedSyntactically(call);
}

export function isAwaitedSyntactically(expression: ts.Expression): boolean {
  let current: ts.Node = expression;
  for (let steps = 0; steps < 64; steps++) {
    const parent = current.parent;
    if (!parent) return false;
    if (ts.isAwaitExpression(parent) || ts.isYieldExpression(parent)) return true;
    if (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isNonNullExpression(parent) || ts.isSatisfiesExpression(parent)) {
      current = parent;
      continue;
    }
    if (ts.isPropertyAccessExpression(parent) && parent.expression === current && ['then', 'catch', 'finally'].includes(parent.name.text)) {
      const chained = parent.parent;
      if (!chained || !ts.isCallExpression(chained) || chained.expression !== parent) return false;
      current = chained;
      continue;
    }
    return false;
  }
  return false;
}

/** The call a statement waits for in `await call` (the model also sees through `.then(…)` chains and `firstValueFrom`). */
export function awaitedCallOf(operand: ts.Expression): ts.CallExpression | undefined {
  const current = stripParentheses(operand);
  return ts.isCallExpression(current) ? current : undefined;
}

export function stripParentheses(expression: ts.Expression): ts.Expression {
  let current = expression;
  while (ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isNonNullExpression(current) || ts.isSatisfiesExpression(current)) {
    current = current.expression;
  }
  return current;
}

/**
 * A remote call as a reader knows it: by its target when the model resolved one (`GET inventory/items/:id`), else by the
 * URL a direct library call names (`POST https://api.stripe.com/v1/refunds`), otherwise by its text.
 */
export function describeRemoteCall(model: SystemModel, file: AnalyzedFile, call: ts.Node, effects: readonly RemoteEffect[]): string {
  const labels = new Set(effects.map((effect) => targetLabel(effect) ?? urlLabel(model, effect)));
  const only = labels.size === 1 ? [...labels][0] : undefined;
  return only ? quote(only) : quote(call.getText(file.sourceFile));
}

/** The URL written at a direct library call, folded, joined to its client's base URL; undefined unless a host is known. */
function urlLabel(model: SystemModel, effect: RemoteEffect): string | undefined {
  const { file, fact } = effect.call;
  if (effect.via.length > 0 || !fact.url) return undefined;
  const url = model.foldString(file, fact.url.start, fact.url.end)?.value;
  if (url === undefined) return undefined;
  const base = fact.baseUrl && model.foldString(file, fact.baseUrl.start, fact.baseUrl.end)?.value;
  const full = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : base ? `${base.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}` : undefined;
  const host = full && /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(full)?.[1];
  if (!full || !host || host.includes('\u2026')) return undefined;
  return fact.method ? `${fact.method} ${full}` : full;
}

function targetLabel(effect: RemoteEffect): string | undefined {
  const target = effect.target;
  if (!target) return undefined;
  const method = effect.call.fact.method ?? target.method ?? (target.endpoint?.method !== 'ALL' ? target.endpoint?.method : undefined);
  const prefix = method ? `${method} ` : '';
  const endpoint = target.endpoint;
  if (endpoint?.path !== undefined) return `${prefix}${target.service}${endpoint.path.startsWith('/') ? '' : '/'}${endpoint.path}`;
  if (endpoint?.pattern !== undefined) return `${target.service} ${endpoint.pattern}`;
  if (target.url && target.service) {
    // Until the path matches an endpoint, name the service and the path as called: `GET inventory/items/…`.
    const path = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*(.*)$/i.exec(target.url)?.[1] ?? (target.url.startsWith('/') ? target.url : undefined);
    if (path !== undefined) return `${prefix}${target.service}${path.startsWith('/') || path === '' ? '' : '/'}${path}`;
  }
  if (target.url) return `${prefix}${target.url}`;
  return target.service ? `${prefix}${target.service}` : undefined;
}

/** A message send as a reader knows it: `publish` to `'orders'`. */
export function describeSend(file: AnalyzedFile, send: MessageSendFact): string {
  const destination = send.destination && file.text.slice(send.destination.start, send.destination.end);
  return destination ? `${send.operation}\` to \`${oneLine(destination)}` : send.operation;
}

/** Source text on one line, shortened for a message. */
export function quote(text: string): string {
  const line = oneLine(text);
  return line.length <= QUOTE_LIMIT ? line : `${line.slice(0, QUOTE_LIMIT - 1)}…`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** The whitespace that starts the line `offset` is on. */
export function indentationAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))![0];
}
