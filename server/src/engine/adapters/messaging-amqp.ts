// RabbitMQ through amqplib (promise and callback APIs) and amqp-connection-manager (channel wrappers and the channels its
// `setup` functions get): queue declarations with their dead-letter exchange and quorum delivery limit, bindings,
// consumers with their requeue and ack calls, and exchange publishes with their routing key.
import ts from 'typescript';
import type { FactsAdapter, ExtractedFacts } from '../facts/adapter.js';
import { objectLiteralOf, propertyValue } from '../facts/config-objects.js';
import type { FileIndex } from '../facts/file-index.js';
import type { ConsumerFact, QueueDeclarationFact } from '../facts/messaging-types.js';
import { originOf } from '../facts/origins.js';
import { calledMethod, isFunctionLiteral, staticPropertyName, stringLiteralValue, unwrapExpression } from '../facts/syntax.js';
import { isAmqpChannel, isAmqpManagerChannel } from './broker-clients.js';
import { booleanValue, closureMemberOf, closureOf, creationOf, errorPathOf, functionOf, inClosure, numberValue, readsAnyName } from './messaging-handlers.js';

const BROKER = 'amqp';
/** What tells a RabbitMQ consumer how often a message came back: quorum queues' count, the dead-letter history, the redelivery flag. */
export const AMQP_DELIVERY_COUNTS = ['x-delivery-count', 'x-death', 'redelivered'];

export const amqpMessagingAdapter: FactsAdapter = {
  name: 'messaging-amqp',
  extract(file, facts) {
    const channelCalls: Array<{ call: ts.CallExpression; name: string; library: string }> = [];
    for (const call of file.calls) {
      const method = calledMethod(call);
      if (!method) continue;
      const library = channelLibrary(file, method.receiver);
      if (library) channelCalls.push({ call, name: method.name, library });
    }
    for (const { call, name, library } of channelCalls) {
      if (name === 'assertQueue') facts.queueDeclarations.push(queueDeclaration(file, call, library));
      else if (name === 'bindQueue' && call.arguments[0] && call.arguments[1]) {
        const [queue, exchange, pattern] = call.arguments;
        facts.queueBindings.push({ ...file.span(call), library, broker: BROKER, queue: file.span(queue!), source: file.span(exchange!), ...(pattern ? { pattern: file.span(pattern) } : {}) });
      } else if (name === 'publish' && call.arguments[0] && call.arguments[1] && stringLiteralValue(call.arguments[0]) !== '') {
        facts.publishRoutes.push({ ...file.span(call), broker: BROKER, exchange: file.span(call.arguments[0]), routingKey: file.span(call.arguments[1]) });
      }
    }
    for (const { call, name, library } of channelCalls) {
      if (name === 'consume') addConsumer(file, call, library, channelCalls, facts);
    }
  },
};

/** 'amqplib' or 'amqp-connection-manager' when the receiver is a channel of one of them. */
function channelLibrary(file: FileIndex, receiver: ts.Expression): string | undefined {
  const origin = originOf(file, receiver);
  if (isAmqpChannel(origin)) return 'amqplib';
  if (isAmqpManagerChannel(origin) || isManagerSetupChannel(file, receiver)) return 'amqp-connection-manager';
  return undefined;
}

/**
 * The untyped channel parameter of an amqp-connection-manager setup function: `createChannel({ setup: (channel) => … })`
 * or `wrapper.addSetup((channel) => …)` (typed parameters are recognised by their amqplib type).
 */
function isManagerSetupChannel(file: FileIndex, receiver: ts.Expression): boolean {
  const node = unwrapExpression(receiver);
  if (!ts.isIdentifier(node)) return false;
  const parameter = file.lookup(node)?.node;
  if (!parameter || !ts.isParameter(parameter)) return false;
  const fn = file.parentOf(parameter);
  if (!fn || !ts.isFunctionLike(fn) || fn.parameters[0] !== parameter) return false;
  const holder = file.parentOf(fn);
  if (!holder) return false;
  if (ts.isCallExpression(holder) && holder.arguments[0] === fn) {
    const method = calledMethod(holder);
    return method?.name === 'addSetup' && isAmqpManagerChannel(originOf(file, method.receiver));
  }
  const isSetupProperty = (ts.isPropertyAssignment(holder) && staticPropertyName(holder.name) === 'setup' && isFunctionLiteral(fn)) || (ts.isMethodDeclaration(fn) && staticPropertyName(fn.name) === 'setup');
  const object = ts.isPropertyAssignment(holder) ? file.parentOf(holder) : holder;
  const call = object && file.parentOf(object);
  if (!isSetupProperty || !call || !ts.isCallExpression(call)) return false;
  const method = calledMethod(call);
  return method?.name === 'createChannel' && originOf(file, method.receiver)?.module === 'amqp-connection-manager';
}

/** `assertQueue(name?, options?)`: the dead-letter exchange, a quorum queue's `x-delivery-limit`, and whether it is temporary. */
function queueDeclaration(file: FileIndex, call: ts.CallExpression, library: string): QueueDeclarationFact {
  const [nameArgument, optionsArgument] = call.arguments;
  const serverNamed = !nameArgument || stringLiteralValue(nameArgument) === '';
  const options = objectLiteralOf(file, optionsArgument);
  const unreadable = optionsArgument !== undefined && !options;
  const fact: QueueDeclarationFact = {
    ...file.span(call),
    library,
    broker: BROKER,
    kind: 'queue',
    temporary: serverNamed || (options !== undefined && (booleanValue(file, propertyValue(file, options, 'exclusive')) === true || booleanValue(file, propertyValue(file, options, 'autoDelete')) === true)),
    judgedWhenConsumed: true,
    deadLetter: { state: unreadable ? 'unknown' : 'absent', option: 'deadLetterExchange' },
    deliveryLimit: { state: unreadable ? 'unknown' : 'absent' },
    reportAt: file.span(call),
  };
  if (!serverNamed) fact.name = file.span(nameArgument);
  if (options) Object.assign(fact, queueArguments(file, options));
  // Only an options object written in the call is edited: a shared one would give every queue this queue's dead-letter name.
  const inline = optionsArgument && ts.isObjectLiteralExpression(unwrapExpression(optionsArgument)) ? unwrapExpression(optionsArgument) : undefined;
  const property = "deadLetterExchange: '{dlq}'";
  if (inline && !serverNamed) fact.deadLetterSlot = { object: file.span(inline), property, suffix: '.dlx' };
  else if (!optionsArgument && !serverNamed) fact.deadLetterSlot = { call: file.span(call), argumentIndex: 1, property, suffix: '.dlx' };
  return fact;
}

/**
 * The dead-letter and delivery-limit settings of amqplib queue options: `deadLetterExchange` or
 * `arguments['x-dead-letter-exchange']`, and `arguments['x-delivery-limit']` (RabbitMQ: a negative limit means none).
 * Shared with the NestJS RMQ transport, whose `queueOptions` are amqplib's.
 */
export function queueArguments(file: FileIndex, options: ts.ObjectLiteralExpression): Pick<QueueDeclarationFact, 'deadLetter' | 'deliveryLimit'> {
  const args = objectLiteralOf(file, propertyValue(file, options, 'arguments'));
  const exchange = propertyValue(file, options, 'deadLetterExchange') ?? (args && propertyValue(file, args, 'x-dead-letter-exchange'));
  const limit = args && propertyValue(file, args, 'x-delivery-limit');
  const limitValue = numberValue(file, limit);
  const deliveryLimit: QueueDeclarationFact['deliveryLimit'] = limit
    ? { state: limitValue !== undefined && limitValue < 0 ? 'unlimited' : 'set', option: 'x-delivery-limit', value: file.span(limit) }
    : { state: 'absent' };
  const deadLetter: QueueDeclarationFact['deadLetter'] = exchange ? { state: 'set', target: file.span(exchange) } : { state: 'absent' };
  return { deadLetter: { ...deadLetter, option: 'deadLetterExchange' }, deliveryLimit };
}

/** `channel.consume(queue, onMessage, options?)` and what its handler does with failing messages. */
function addConsumer(file: FileIndex, call: ts.CallExpression, library: string, channelCalls: ReadonlyArray<{ call: ts.CallExpression; name: string }>, facts: ExtractedFacts): void {
  const [queue, onMessage, optionsArgument] = call.arguments;
  const options = objectLiteralOf(file, optionsArgument);
  const autoAck = options !== undefined && booleanValue(file, propertyValue(file, options, 'noAck')) === true;
  const handler = functionOf(file, onMessage);
  const fact: ConsumerFact = {
    ...file.span(call),
    library,
    broker: BROKER,
    sourceKind: 'queue',
    sources: queue ? [file.span(declaredQueueName(file, queue) ?? queue)] : [],
    ack: autoAck ? 'auto' : 'manual',
    requeues: [],
    deliveryCountChecked: false,
    failures: [],
    drops: [],
    undeclaredLimit: 'none',
    limitSetting: '`x-delivery-limit` on a quorum queue',
  };
  if (handler) {
    fact.handler = file.span(handler);
    const closure = closureOf(file, handler);
    fact.deliveryCountChecked = readsAnyName(closure, AMQP_DELIVERY_COUNTS);
    for (const settle of channelCalls) {
      if (!inClosure(settle.call, closure)) continue;
      if (isRequeue(file, settle.call, settle.name)) fact.requeues.push(file.span(settle.call));
      if (settle.name === 'ack') {
        const errorPath = errorPathOf(file, settle.call, closureMemberOf(settle.call, closure)!);
        if (errorPath) fact.drops.push({ at: file.span(settle.call), errorPath: file.span(errorPath) });
      }
    }
  }
  facts.consumers.push(fact);
}

/**
 * A queue named by what `assertQueue` answered (`const { queue } = await channel.assertQueue('orders')`, `q.queue`):
 * the name the declaration was given, so the consumer and its declaration meet by name.
 */
function declaredQueueName(file: FileIndex, expression: ts.Expression): ts.Expression | undefined {
  const node = unwrapExpression(expression);
  let reply: ts.Expression | undefined;
  if (ts.isPropertyAccessExpression(node) && node.name.text === 'queue') reply = node.expression;
  else if (ts.isIdentifier(node)) {
    const declaration = file.lookup(node)?.node;
    const pattern = declaration && ts.isBindingElement(declaration) ? file.parentOf(declaration) : undefined;
    const owner = pattern && ts.isObjectBindingPattern(pattern) ? file.parentOf(pattern) : undefined;
    const key = declaration && ts.isBindingElement(declaration) ? (staticPropertyName(declaration.propertyName) ?? node.text) : undefined;
    if (key === 'queue' && owner && ts.isVariableDeclaration(owner)) reply = owner.initializer;
  }
  const call = reply && creationOf(file, reply);
  if (!call || !ts.isCallExpression(call) || calledMethod(call)?.name !== 'assertQueue') return undefined;
  const name = call.arguments[0];
  return name && stringLiteralValue(name) !== '' ? name : undefined;
}

/** `nack(msg)` and `nack(msg, _, true)` requeue (the default); so do `reject(msg)` and `reject(msg, true)`. A computed flag may. */
function isRequeue(file: FileIndex, call: ts.CallExpression, name: string): boolean {
  const flagIndex = name === 'nack' ? 2 : name === 'reject' ? 1 : -1;
  if (flagIndex < 0 || call.arguments.length === 0) return false;
  const flag = call.arguments[flagIndex];
  return !flag || booleanValue(file, flag) !== false;
}

/** Exported for the NestJS adapter: requeue and ack calls on a channel it reaches through the RMQ context. */
export { isRequeue as isAmqpRequeue };
