// Google Cloud Pub/Sub: subscriptions created in code (`pubsub.createSubscription(topic, name, opts)`,
// `topic.createSubscription(name, opts)`) with their `deadLetterPolicy`, and `subscription.on('message', handler)` consumers.
// `message.nack()` asks for immediate redelivery; only a dead-letter policy (`maxDeliveryAttempts`, 5 by default) ends it.
import ts from 'typescript';
import type { ExtractedFacts, FactsAdapter } from '../facts/adapter.js';
import { objectLiteralOf, propertyValue } from '../facts/config-objects.js';
import type { FileIndex } from '../facts/file-index.js';
import type { ConsumerFact, QueueDeclarationFact } from '../facts/messaging-types.js';
import { originOf, pathEquals, type ValueOrigin } from '../facts/origins.js';
import { calledMethod, forEachDescendant, isFunctionLiteral, stringLiteralValue, unwrapExpression } from '../facts/syntax.js';
import { closureMemberOf, closureOf, creationOf, errorPathOf, functionOf, readsAnyName } from './messaging-handlers.js';

const PUBSUB = '@google-cloud/pubsub';
const BROKER = 'pubsub';

export const pubsubMessagingAdapter: FactsAdapter = {
  name: 'messaging-pubsub',
  extract(file, facts) {
    for (const call of file.calls) {
      const method = calledMethod(call);
      if (!method) continue;
      if (method.name === 'createSubscription') createSubscription(file, facts, call, method.receiver);
      else if (method.name === 'subscription') subscriptionOfTopic(file, facts, call, method.receiver);
      else if ((method.name === 'on' || method.name === 'addListener') && stringLiteralValue(call.arguments[0]) === 'message') {
        if (isSubscription(originOf(file, method.receiver))) addConsumer(file, facts, call, method.receiver);
      }
    }
  },
};

function isClient(origin: ValueOrigin | undefined): boolean {
  return origin?.module === PUBSUB && pathEquals(origin.path, ['PubSub', 'new']);
}

function isTopic(origin: ValueOrigin | undefined): boolean {
  return origin?.module === PUBSUB && (pathEquals(origin.path, ['Topic', 'new']) || origin.path.includes('topic') || origin.path.includes('createTopic'));
}

function isSubscription(origin: ValueOrigin | undefined): boolean {
  return origin?.module === PUBSUB && (pathEquals(origin.path, ['Subscription', 'new']) || origin.path.includes('subscription') || origin.path.includes('createSubscription'));
}

/** The topic name a Topic value was created with (`pubsub.topic('orders')`), when this file shows it. */
function topicName(file: FileIndex, topic: ts.Expression): ts.Expression | undefined {
  const creation = creationOf(file, topic);
  const method = creation && ts.isCallExpression(creation) ? calledMethod(creation) : undefined;
  return method && (method.name === 'topic' || method.name === 'createTopic') ? creation!.arguments?.[0] : undefined;
}

/** `pubsub.createSubscription(topic, name, opts?)` / `topic.createSubscription(name, opts?)`: a declaration and a binding. */
function createSubscription(file: FileIndex, facts: ExtractedFacts, call: ts.CallExpression, receiver: ts.Expression): void {
  const receiverOrigin = originOf(file, receiver);
  const onClient = isClient(receiverOrigin);
  if (!onClient && !isTopic(receiverOrigin)) return;
  const args = call.arguments;
  const topic = onClient ? args[0] : topicName(file, receiver);
  const name = onClient ? args[1] : args[0];
  const optionsIndex = onClient ? 2 : 1;
  const optionsArgument = args[optionsIndex] && !isFunctionLiteral(unwrapExpression(args[optionsIndex]!)) ? args[optionsIndex] : undefined;
  const options = objectLiteralOf(file, optionsArgument);
  const unreadable = optionsArgument !== undefined && !options;
  const policy = options && objectLiteralOf(file, propertyValue(file, options, 'deadLetterPolicy'));
  const policyValue = options && propertyValue(file, options, 'deadLetterPolicy');
  const fact: QueueDeclarationFact = {
    ...file.span(call),
    library: PUBSUB,
    broker: BROKER,
    kind: 'subscription',
    temporary: false,
    judgedWhenConsumed: false,
    deadLetter: { state: unreadable || (policyValue && !policy) ? 'unknown' : 'absent', option: 'deadLetterPolicy' },
    deliveryLimit: { state: unreadable || (policyValue && !policy) ? 'unknown' : 'absent' },
    reportAt: file.span(call),
  };
  if (name) fact.name = file.span(name);
  if (policy) {
    const target = propertyValue(file, policy, 'deadLetterTopic');
    const attempts = propertyValue(file, policy, 'maxDeliveryAttempts');
    fact.deadLetter = target ? { state: 'set', target: file.span(target), option: 'deadLetterPolicy' } : { state: 'absent', option: 'deadLetterPolicy' };
    // A dead-letter policy always bounds deliveries: `maxDeliveryAttempts` defaults to 5.
    fact.deliveryLimit = { state: target ? 'set' : 'absent', option: 'maxDeliveryAttempts', ...(attempts ? { value: file.span(attempts) } : {}) };
  }
  const client = onClient ? simpleText(file, receiver) : simpleText(file, receiver)?.concat('.pubsub');
  if (client) {
    const property = `deadLetterPolicy: { deadLetterTopic: ${client}.topic('{dlq}').name, maxDeliveryAttempts: 5 }`;
    const inline = optionsArgument && ts.isObjectLiteralExpression(unwrapExpression(optionsArgument)) ? unwrapExpression(optionsArgument) : undefined;
    if (inline) fact.deadLetterSlot = { object: file.span(inline), property, suffix: '-dlq' };
    else if (!optionsArgument && args.length === optionsIndex) fact.deadLetterSlot = { call: file.span(call), argumentIndex: optionsIndex, property, suffix: '-dlq' };
  }
  facts.queueDeclarations.push(fact);
  if (name && topic) facts.queueBindings.push({ ...file.span(call), library: PUBSUB, broker: BROKER, queue: file.span(name), source: file.span(topic) });
}

/** `pubsub.topic('orders').subscription('orders-mailer')`: the subscription receives what the topic gets. */
function subscriptionOfTopic(file: FileIndex, facts: ExtractedFacts, call: ts.CallExpression, receiver: ts.Expression): void {
  const name = call.arguments[0];
  const topic = isTopic(originOf(file, receiver)) ? topicName(file, receiver) : undefined;
  if (name && topic) facts.queueBindings.push({ ...file.span(call), library: PUBSUB, broker: BROKER, queue: file.span(name), source: file.span(topic) });
}

/** An identifier or `this.x` chain, safe to repeat in a fix; undefined for anything with calls in it. */
function simpleText(file: FileIndex, expression: ts.Expression): string | undefined {
  const node = unwrapExpression(expression);
  const text = node.getText(file.sourceFile);
  return /^(this\.)?[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(text) ? text : undefined;
}

/** The subscription name a Subscription value was obtained with. */
function subscriptionName(file: FileIndex, subscription: ts.Expression): ts.Expression | undefined {
  const creation = creationOf(file, subscription);
  const method = creation && ts.isCallExpression(creation) ? calledMethod(creation) : undefined;
  if (!method) return undefined;
  if (method.name === 'subscription') return creation!.arguments?.[0];
  if (method.name === 'createSubscription') return isClient(originOf(file, method.receiver)) ? creation!.arguments?.[1] : creation!.arguments?.[0];
  return undefined;
}

function addConsumer(file: FileIndex, facts: ExtractedFacts, call: ts.CallExpression, subscription: ts.Expression): void {
  const name = subscriptionName(file, subscription);
  const handler = functionOf(file, call.arguments[1]);
  const fact: ConsumerFact = {
    ...file.span(call),
    library: PUBSUB,
    broker: BROKER,
    sourceKind: 'subscription',
    sources: name ? [file.span(name)] : [],
    ack: 'manual',
    requeues: [],
    deliveryCountChecked: false,
    failures: [],
    drops: [],
    undeclaredLimit: 'unknown',
    limitSetting: "a `deadLetterPolicy` (`maxDeliveryAttempts`) on the subscription",
  };
  if (handler) {
    fact.handler = file.span(handler);
    const closure = closureOf(file, handler);
    fact.deliveryCountChecked = readsAnyName(closure, ['deliveryAttempt']);
    for (const fn of closure) {
      forEachDescendant(fn, (node) => {
        if (!ts.isCallExpression(node) || node.arguments.length > 0) return;
        const method = calledMethod(node);
        if (!method || !isMessageParameter(file, method.receiver)) return;
        if (method.name === 'nack') fact.requeues.push(file.span(node));
        if (method.name === 'ack') {
          const errorPath = errorPathOf(file, node, closureMemberOf(node, closure)!);
          if (errorPath) fact.drops.push({ at: file.span(node), errorPath: file.span(errorPath) });
        }
      });
    }
  }
  facts.consumers.push(fact);
}

/** Handlers get the message as a parameter (`(message) => message.nack()`, `handle(message: Message)`). */
function isMessageParameter(file: FileIndex, expression: ts.Expression): boolean {
  const node = unwrapExpression(expression);
  return ts.isIdentifier(node) && ts.isParameter(file.lookup(node)?.node ?? node);
}
