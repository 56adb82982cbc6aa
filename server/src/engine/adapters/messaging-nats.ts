// NATS JetStream: durable consumers declared in code (`jsm.consumers.add(stream, { durable_name, max_deliver })`) and the
// code that reads them (`(await js.consumers.get(stream, name)).consume()` iterated with `for await`, or a `callback`).
// `msg.nak()` asks for redelivery; JetStream stops only at `max_deliver`, whose default (-1) is never.
import ts from 'typescript';
import type { ExtractedFacts, FactsAdapter } from '../facts/adapter.js';
import { objectLiteralOf, propertyValue } from '../facts/config-objects.js';
import type { FileIndex } from '../facts/file-index.js';
import type { ConsumerFact, QueueDeclarationFact } from '../facts/messaging-types.js';
import { originOf, pathEndsWith, type ValueOrigin } from '../facts/origins.js';
import { calledMethod, forEachDescendant, unwrapExpression } from '../facts/syntax.js';
import { closureMemberOf, closureOf, creationOf, errorPathOf, functionOf, numberValue, readsAnyName } from './messaging-handlers.js';

const BROKER = 'nats';

export const natsMessagingAdapter: FactsAdapter = {
  name: 'messaging-nats',
  extract(file, facts) {
    for (const call of file.calls) {
      const method = calledMethod(call);
      if (!method || !['add', 'update', 'consume', 'fetch'].includes(method.name)) continue;
      const receiver = originOf(file, method.receiver);
      if ((method.name === 'add' || method.name === 'update') && isConsumerApi(receiver)) addDeclaration(file, facts, call, method.name);
      if ((method.name === 'consume' || method.name === 'fetch') && isNatsConsumer(receiver)) addConsumer(file, facts, call, method.receiver);
    }
  },
};

/** `jsm.consumers` of a JetStream manager (`await nc.jetstreamManager()`, or a `JetStreamManager`-typed value). */
function isConsumerApi(origin: ValueOrigin | undefined): boolean {
  if (origin?.module !== 'nats') return false;
  return pathEndsWith(origin.path, ['jetstreamManager', '()', 'consumers']) || pathEndsWith(origin.path, ['JetStreamManager', 'new', 'consumers']);
}

/** A consumer from `js.consumers.get(stream, name)`, or a `Consumer`-typed value. */
function isNatsConsumer(origin: ValueOrigin | undefined): boolean {
  if (origin?.module !== 'nats') return false;
  return pathEndsWith(origin.path, ['consumers', 'get', '()']) || pathEndsWith(origin.path, ['Consumer', 'new']);
}

/** `consumers.add(stream, config)` / `consumers.update(stream, name, config)`. */
function addDeclaration(file: FileIndex, facts: ExtractedFacts, call: ts.CallExpression, operation: string): void {
  const args = call.arguments;
  const configArgument = operation === 'add' ? args[1] : args[2];
  const config = objectLiteralOf(file, configArgument);
  const name = operation === 'update' ? args[1] : config && (propertyValue(file, config, 'durable_name') ?? propertyValue(file, config, 'name'));
  const maxDeliver = config && propertyValue(file, config, 'max_deliver');
  const count = numberValue(file, maxDeliver);
  const fact: QueueDeclarationFact = {
    ...file.span(call),
    library: 'nats',
    broker: BROKER,
    kind: 'consumer',
    // Without a durable name the consumer is ephemeral: it goes away with its subscriber.
    temporary: !name,
    judgedWhenConsumed: false,
    deliveryLimit: !config ? { state: 'unknown' } : maxDeliver ? { state: count !== undefined && count < 0 ? 'unlimited' : 'set', option: 'max_deliver', value: file.span(maxDeliver) } : { state: 'absent' },
    reportAt: file.span(call),
  };
  if (name) fact.name = file.span(name);
  facts.queueDeclarations.push(fact);
}

/** `consumer.consume({ callback })`, or the `for await (const m of messages)` loop over what `consume()`/`fetch()` returns. */
function addConsumer(file: FileIndex, facts: ExtractedFacts, call: ts.CallExpression, receiver: ts.Expression): void {
  const creation = creationOf(file, receiver);
  const name = creation && ts.isCallExpression(creation) && calledMethod(creation)?.name === 'get' ? creation.arguments[1] : undefined;
  const options = objectLiteralOf(file, call.arguments[0]);
  const handler = (options && functionOf(file, propertyValue(file, options, 'callback'))) ?? iterationOf(file, call);
  const fact: ConsumerFact = {
    ...file.span(call),
    library: 'nats',
    broker: BROKER,
    sourceKind: 'consumer',
    sources: name ? [file.span(name)] : [],
    ack: 'manual',
    requeues: [],
    deliveryCountChecked: false,
    failures: [],
    drops: [],
    undeclaredLimit: 'unknown',
    limitSetting: "`max_deliver` on the JetStream consumer",
  };
  if (handler) {
    fact.handler = file.span(handler);
    const closure = closureOf(file, handler);
    fact.deliveryCountChecked = readsAnyName(closure, ['deliveryCount', 'redeliveryCount', 'redelivered']);
    for (const fn of closure) {
      forEachDescendant(fn, (node) => {
        const method = ts.isCallExpression(node) ? calledMethod(node) : undefined;
        if (!method) return;
        if (method.name === 'nak') fact.requeues.push(file.span(node));
        // `term()` tells JetStream never to redeliver; `ack()` settles it: in an error path both lose the message.
        if (method.name === 'ack' || method.name === 'term') {
          const errorPath = errorPathOf(file, node, closureMemberOf(node, closure)!);
          if (errorPath) fact.drops.push({ at: file.span(node), errorPath: file.span(errorPath) });
        }
      });
    }
  }
  facts.consumers.push(fact);
}

/** The `for await … of` loop that iterates the messages a call returns (directly, or through the variable holding them). */
function iterationOf(file: FileIndex, call: ts.CallExpression): ts.ForOfStatement | undefined {
  let value: ts.Node = call;
  for (let parent = file.parentOf(value); parent && (ts.isAwaitExpression(parent) || ts.isParenthesizedExpression(parent)); parent = file.parentOf(parent)) value = parent;
  const holder = file.parentOf(value);
  const loops: ts.ForOfStatement[] = [];
  forEachDescendant(file.sourceFile, (node) => {
    if (ts.isForOfStatement(node)) loops.push(node);
  });
  return loops.find((loop) => {
    const iterated = unwrapExpression(loop.expression);
    if (iterated === unwrapExpression(call)) return true;
    return holder !== undefined && ts.isVariableDeclaration(holder) && ts.isIdentifier(iterated) && file.lookup(iterated)?.node === holder;
  });
}
