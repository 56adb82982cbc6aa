// Azure Service Bus: every queue and subscription has a dead-letter subqueue and a delivery limit (`maxDeliveryCount`,
// 10 by default), so a message abandoned again and again ends up where a person can see it. Recognised so that its
// consumers and declarations are judged as bounded, not as unknown brokers.
import ts from 'typescript';
import type { ExtractedFacts, FactsAdapter } from '../facts/adapter.js';
import { objectLiteralOf, propertyValue } from '../facts/config-objects.js';
import type { FileIndex } from '../facts/file-index.js';
import type { ConsumerFact, QueueDeclarationFact } from '../facts/messaging-types.js';
import { originOf, pathEndsWith, pathEquals, type ValueOrigin } from '../facts/origins.js';
import { calledMethod, forEachDescendant } from '../facts/syntax.js';
import { closureMemberOf, closureOf, creationOf, errorPathOf, handlerOption, readsAnyName } from './messaging-handlers.js';

const SERVICE_BUS = '@azure/service-bus';
const BROKER = 'servicebus';

export const serviceBusMessagingAdapter: FactsAdapter = {
  name: 'messaging-servicebus',
  extract(file, facts) {
    for (const call of file.calls) {
      const method = calledMethod(call);
      if (!method || !['createQueue', 'createSubscription', 'subscribe'].includes(method.name)) continue;
      const receiver = originOf(file, method.receiver);
      if ((method.name === 'createQueue' || method.name === 'createSubscription') && isAdministrationClient(receiver)) addDeclaration(file, facts, call, method.name);
      if (method.name === 'subscribe' && isReceiver(receiver)) addConsumer(file, facts, call, method.receiver);
    }
  },
};

function isAdministrationClient(origin: ValueOrigin | undefined): boolean {
  return origin?.module === SERVICE_BUS && pathEquals(origin.path, ['ServiceBusAdministrationClient', 'new']);
}

function isReceiver(origin: ValueOrigin | undefined): boolean {
  return origin?.module === SERVICE_BUS && (pathEndsWith(origin.path, ['createReceiver', '()']) || pathEquals(origin.path, ['ServiceBusReceiver', 'new']));
}

/** `admin.createQueue(name, { maxDeliveryCount })` / `admin.createSubscription(topic, name, options)`. */
function addDeclaration(file: FileIndex, facts: ExtractedFacts, call: ts.CallExpression, operation: string): void {
  const subscription = operation === 'createSubscription';
  const name = subscription ? call.arguments[1] : call.arguments[0];
  const options = objectLiteralOf(file, subscription ? call.arguments[2] : call.arguments[1]);
  const maxDeliveryCount = options && propertyValue(file, options, 'maxDeliveryCount');
  const fact: QueueDeclarationFact = {
    ...file.span(call),
    library: SERVICE_BUS,
    broker: BROKER,
    kind: subscription ? 'subscription' : 'queue',
    temporary: false,
    judgedWhenConsumed: false,
    deadLetter: { state: 'built-in' },
    deliveryLimit: maxDeliveryCount ? { state: 'set', option: 'maxDeliveryCount', value: file.span(maxDeliveryCount) } : { state: 'built-in', option: 'maxDeliveryCount' },
    reportAt: file.span(call),
  };
  if (name) fact.name = file.span(name);
  facts.queueDeclarations.push(fact);
  if (subscription && name && call.arguments[0]) {
    facts.queueBindings.push({ ...file.span(call), library: SERVICE_BUS, broker: BROKER, queue: file.span(name), source: file.span(call.arguments[0]) });
  }
}

/** `receiver.subscribe({ processMessage, processError })` on `client.createReceiver(queue)` / `createReceiver(topic, subscription)`. */
function addConsumer(file: FileIndex, facts: ExtractedFacts, call: ts.CallExpression, receiver: ts.Expression): void {
  const creation = creationOf(file, receiver);
  const args = creation && ts.isCallExpression(creation) ? creation.arguments.filter((a) => !ts.isObjectLiteralExpression(a)) : [];
  const source = args.length >= 2 ? args[1] : args[0];
  const handlers = objectLiteralOf(file, call.arguments[0]);
  const handler = handlers && handlerOption(file, handlers, 'processMessage');
  const fact: ConsumerFact = {
    ...file.span(call),
    library: SERVICE_BUS,
    broker: BROKER,
    sourceKind: args.length >= 2 ? 'subscription' : 'queue',
    sources: source ? [file.span(source)] : [],
    ack: 'library',
    requeues: [],
    deliveryCountChecked: false,
    failures: [],
    drops: [],
    undeclaredLimit: 'built-in',
  };
  if (handler) {
    fact.handler = file.span(handler);
    const closure = closureOf(file, handler);
    fact.deliveryCountChecked = readsAnyName(closure, ['deliveryCount']);
    for (const fn of closure) {
      forEachDescendant(fn, (node) => {
        const method = ts.isCallExpression(node) ? calledMethod(node) : undefined;
        if (!method || !isReceiver(originOf(file, method.receiver))) return;
        // An abandoned message comes back, up to maxDeliveryCount, then goes to the dead-letter subqueue.
        if (method.name === 'abandonMessage') fact.requeues.push(file.span(node));
        if (method.name === 'completeMessage') {
          const errorPath = errorPathOf(file, node, closureMemberOf(node, closure)!);
          if (errorPath) fact.drops.push({ at: file.span(node), errorPath: file.span(errorPath) });
        }
      });
    }
  }
  facts.consumers.push(fact);
}
