// NestJS microservices over RabbitMQ: the transport's queue as the server declares it (`NestFactory.createMicroservice`,
// `app.connectMicroservice`) and as clients mirror it (`ClientsModule.register`, `ClientProxyFactory.create`), with its
// `queueOptions` and `noAck`; and `@EventPattern` handlers, which consume the service's transport queue and settle messages
// through `context.getChannelRef()`. Kafka transports need no facts here: their handlers are event endpoints.
import ts from 'typescript';
import type { ExtractedFacts, FactsAdapter } from '../facts/adapter.js';
import { arrayElementsOf, objectLiteralOf, propertyValue } from '../facts/config-objects.js';
import type { FileIndex } from '../facts/file-index.js';
import type { ConsumerFact, QueueDeclarationFact } from '../facts/messaging-types.js';
import { originOf, pathEndsWith, pathEquals } from '../facts/origins.js';
import { calledMethod, forEachDescendant, stringLiteralValue, unwrapExpression } from '../facts/syntax.js';
import { AMQP_DELIVERY_COUNTS, isAmqpRequeue, queueArguments } from './messaging-amqp.js';
import { booleanValue, closureMemberOf, closureOf, errorPathOf, escapesOf, propertyAssignmentOf, readsAnyName } from './messaging-handlers.js';

const MICROSERVICES = '@nestjs/microservices';

export const nestMessagingAdapter: FactsAdapter = {
  name: 'messaging-nest',
  extract(file, facts) {
    for (const call of file.calls) {
      for (const { options, side } of transportOptions(file, call)) addRmqTransport(file, facts, options, side);
    }
    for (const cls of file.classes) {
      for (const member of cls.members) {
        if (ts.isMethodDeclaration(member) && member.body && hasEventPattern(file, member)) addEventHandler(file, facts, member);
      }
    }
  },
};

/** The microservice options objects a call passes, and whether they configure a server or a client. */
function transportOptions(file: FileIndex, call: ts.CallExpression): Array<{ options: ts.ObjectLiteralExpression; side: 'server' | 'client' }> {
  const callee = originOf(file, call.expression);
  const method = calledMethod(call);
  const one = (expression: ts.Expression | undefined, side: 'server' | 'client') => {
    const options = objectLiteralOf(file, expression);
    return options ? [{ options, side }] : [];
  };
  if (callee?.module === '@nestjs/core' && pathEquals(callee.path, ['NestFactory', 'createMicroservice'])) return one(call.arguments[1], 'server');
  if (method?.name === 'connectMicroservice' && originOf(file, method.receiver)?.module === '@nestjs/core') return one(call.arguments[0], 'server');
  if (callee?.module === MICROSERVICES && pathEquals(callee.path, ['ClientProxyFactory', 'create'])) return one(call.arguments[0], 'client');
  if (callee?.module === MICROSERVICES && pathEquals(callee.path, ['ClientsModule', 'register'])) {
    const wrapper = objectLiteralOf(file, call.arguments[0]);
    const clients = arrayElementsOf(file, wrapper ? propertyValue(file, wrapper, 'clients') : call.arguments[0]) ?? [];
    return clients.flatMap((client) => one(client, 'client'));
  }
  return [];
}

/** `{ transport: Transport.RMQ, options: { queue, noAck, queueOptions } }`. */
function addRmqTransport(file: FileIndex, facts: ExtractedFacts, microservice: ts.ObjectLiteralExpression, side: 'server' | 'client'): void {
  const transport = propertyValue(file, microservice, 'transport');
  const origin = transport && originOf(file, transport);
  if (origin?.module !== MICROSERVICES || !pathEquals(origin.path, ['Transport', 'RMQ'])) return;
  const optionsValue = propertyValue(file, microservice, 'options');
  const options = objectLiteralOf(file, optionsValue);
  if (!options) return;
  const queue = propertyValue(file, options, 'queue');
  const queueOptionsValue = propertyValue(file, options, 'queueOptions');
  const queueOptions = objectLiteralOf(file, queueOptionsValue);
  // Nest's RMQ transport acknowledges on delivery unless told `noAck: false`.
  const noAck = booleanValue(file, propertyValue(file, options, 'noAck'));
  const anchor = (queueOptionsValue && propertyAssignmentOf(file, queueOptionsValue)) ?? (queue && propertyAssignmentOf(file, queue)) ?? options;
  const fact: QueueDeclarationFact = {
    ...file.span(options),
    library: MICROSERVICES,
    broker: 'amqp',
    kind: 'queue',
    transport: side,
    temporary: !queue || stringLiteralValue(queue) === '' || (queueOptions !== undefined && ['exclusive', 'autoDelete'].some((key) => booleanValue(file, propertyValue(file, queueOptions, key)) === true)),
    judgedWhenConsumed: side === 'client',
    ack: noAck === false ? 'manual' : 'auto',
    deadLetter: { state: queueOptionsValue && !queueOptions ? 'unknown' : 'absent', option: 'queueOptions.deadLetterExchange' },
    deliveryLimit: { state: queueOptionsValue && !queueOptions ? 'unknown' : 'absent' },
    reportAt: file.span(anchor),
  };
  if (queue) fact.name = file.span(queue);
  if (queueOptions) Object.assign(fact, queueArguments(file, queueOptions));
  fact.deadLetter!.option = 'queueOptions.deadLetterExchange';
  const isInline = (value: ts.Expression | undefined) => value !== undefined && ts.isObjectLiteralExpression(unwrapExpression(value));
  if (queueOptions && isInline(queueOptionsValue)) fact.deadLetterSlot = { object: file.span(queueOptions), property: "deadLetterExchange: '{dlq}'", suffix: '.dlx' };
  else if (!queueOptionsValue && isInline(optionsValue)) fact.deadLetterSlot = { object: file.span(options), property: "queueOptions: { deadLetterExchange: '{dlq}' }", suffix: '.dlx' };
  facts.queueDeclarations.push(fact);
  const exchange = propertyValue(file, options, 'exchange');
  const routingKey = propertyValue(file, options, 'routingKey');
  if (queue && exchange) {
    facts.queueBindings.push({ ...file.span(options), library: MICROSERVICES, broker: 'amqp', queue: file.span(queue), source: file.span(exchange), ...(routingKey ? { pattern: file.span(routingKey) } : {}) });
  }
}

function hasEventPattern(file: FileIndex, method: ts.MethodDeclaration): boolean {
  return (ts.getDecorators(method) ?? []).some((decorator) => {
    const expression = decorator.expression;
    const origin = ts.isCallExpression(expression) ? originOf(file, expression.expression) : undefined;
    return origin?.module === MICROSERVICES && pathEquals(origin.path, ['EventPattern']);
  });
}

/** An RMQ channel reached through the handler's context: `context.getChannelRef()`. */
function isContextChannel(file: FileIndex, expression: ts.Expression): boolean {
  const origin = originOf(file, expression);
  return origin?.module === MICROSERVICES && pathEndsWith(origin.path, ['getChannelRef', '()']);
}

/** `@EventPattern(…)` handler: its requeues and acks through the context's channel, and the errors it rethrows. */
function addEventHandler(file: FileIndex, facts: ExtractedFacts, method: ts.MethodDeclaration): void {
  const closure = closureOf(file, method);
  const fact: ConsumerFact = {
    ...file.span(method),
    library: MICROSERVICES,
    broker: 'transport',
    sourceKind: 'queue',
    sources: [],
    viaTransport: true,
    handler: file.span(method),
    ack: 'transport',
    requeues: [],
    deliveryCountChecked: readsAnyName(closure, AMQP_DELIVERY_COUNTS),
    failures: escapesOf(file, method).rethrows.map((statement) => file.span(statement)),
    drops: [],
    undeclaredLimit: 'none',
    limitSetting: '`x-delivery-limit` on a quorum queue (`queueOptions.arguments`)',
  };
  if (fact.failures.length > 0) fact.failureRedelivery = 'until-dead-lettered';
  for (const fn of closure) {
    forEachDescendant(fn, (node) => {
      if (!ts.isCallExpression(node)) return;
      const settle = calledMethod(node);
      if (!settle || !isContextChannel(file, settle.receiver)) return;
      if (isAmqpRequeue(file, node, settle.name)) fact.requeues.push(file.span(node));
      if (settle.name === 'ack') {
        const errorPath = errorPathOf(file, node, closureMemberOf(node, closure)!);
        if (errorPath) fact.drops.push({ at: file.span(node), errorPath: file.span(errorPath) });
      }
    });
  }
  facts.consumers.push(fact);
}
