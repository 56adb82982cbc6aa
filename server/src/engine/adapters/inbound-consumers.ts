// Message consumers: code that, when running, takes messages off a broker. A package with one is a service.
import ts from 'typescript';
import type { FactsAdapter } from '../facts/adapter.js';
import type { FileIndex } from '../facts/file-index.js';
import { originOf, pathEquals, type ValueOrigin } from '../facts/origins.js';
import { calledMethod, stringLiteralValue } from '../facts/syntax.js';
import { isAmqpChannel, isAmqpManagerChannel, isBullQueue, isKafkaConsumer } from './broker-clients.js';

/** A consumer found at a call or construction; returns the library name. */
type ConsumerMatcher = (file: FileIndex, node: ts.CallExpression | ts.NewExpression) => string | undefined;

const CALL_MATCHERS: readonly ConsumerMatcher[] = [
  // channel.consume(queue, onMessage): channel from connect() → createChannel(), in the promise or the callback API.
  (file, call) => (isAmqpChannel(receiverOfMethod(file, call, 'consume')) ? 'amqplib' : undefined),
  // amqp-connection-manager: channelWrapper.consume(queue, onMessage) on connect(urls).createChannel(options).
  (file, call) => (isAmqpManagerChannel(receiverOfMethod(file, call, 'consume')) ? 'amqp-connection-manager' : undefined),
  // consumer.run({ eachMessage }): consumer from new Kafka(…).consumer(…).
  (file, call) => (isKafkaConsumer(receiverOfMethod(file, call, 'run')) ? 'kafkajs' : undefined),
  // Bull (v3): queue.process(handler) on a queue from `new Queue(name)` or `Queue(name)`.
  (file, call) => (isBullQueue(receiverOfMethod(file, call, 'process')) ? 'bull' : undefined),
  // SQS aggregated clients: new SQS().receiveMessage(...) (AWS SDK v3) and new AWS.SQS().receiveMessage(...) (v2).
  (file, call) => {
    const receiver = receiverOfMethod(file, call, 'receiveMessage');
    if (!receiver) return undefined;
    if (receiver.module === '@aws-sdk/client-sqs' && pathEquals(receiver.path, ['SQS', 'new'])) return '@aws-sdk/client-sqs';
    if (receiver.module === 'aws-sdk' && pathEquals(receiver.path, ['SQS', 'new'])) return 'aws-sdk';
    if (receiver.module === 'aws-sdk/clients/sqs' && pathEquals(receiver.path, ['new'])) return 'aws-sdk';
    return undefined;
  },
  // sqs-consumer: Consumer.create({ queueUrl, handleMessage }).
  (file, call) => {
    const callee = originOf(file, call.expression);
    return callee?.module === 'sqs-consumer' && pathEquals(callee.path, ['Consumer', 'create']) ? 'sqs-consumer' : undefined;
  },
  // Pub/Sub: subscription.on('message', handler) on a subscription from pubsub.subscription(name) and friends.
  (file, call) => {
    const method = calledMethod(call);
    if (!method || (method.name !== 'on' && method.name !== 'addListener') || stringLiteralValue(call.arguments?.[0]) !== 'message') return undefined;
    const receiver = originOf(file, method.receiver);
    if (receiver?.module !== '@google-cloud/pubsub') return undefined;
    const isSubscription = receiver.path.some((step) => step === 'subscription' || step === 'createSubscription') || pathEquals(receiver.path, ['Subscription', 'new']);
    return isSubscription ? '@google-cloud/pubsub' : undefined;
  },
];

const CONSTRUCTION_MATCHERS: readonly ConsumerMatcher[] = [
  // BullMQ: new Worker(queueName, processor, { connection }).
  (file, construction) => constructed(file, construction, 'bullmq', ['Worker']) ? 'bullmq' : undefined,
  // AWS SDK v3: client.send(new ReceiveMessageCommand({ QueueUrl })).
  (file, construction) => (constructed(file, construction, '@aws-sdk/client-sqs', ['ReceiveMessageCommand']) ? '@aws-sdk/client-sqs' : undefined),
  (file, construction) => (constructed(file, construction, 'sqs-consumer', ['Consumer']) ? 'sqs-consumer' : undefined),
];

export const messageConsumersAdapter: FactsAdapter = {
  name: 'inbound-consumers',
  extract(file, facts) {
    for (const call of file.calls) {
      for (const matcher of CALL_MATCHERS) {
        const library = matcher(file, call);
        if (library) {
          facts.entrypoints.push({ ...file.span(call), kind: 'message-consumer', library });
          break;
        }
      }
    }
    for (const construction of file.constructions) {
      for (const matcher of CONSTRUCTION_MATCHERS) {
        const library = matcher(file, construction);
        if (library) {
          facts.entrypoints.push({ ...file.span(construction), kind: 'message-consumer', library });
          break;
        }
      }
    }
  },
};

function receiverOfMethod(file: FileIndex, call: ts.CallExpression | ts.NewExpression, name: string): ValueOrigin | undefined {
  const method = calledMethod(call);
  return method?.name === name ? originOf(file, method.receiver) : undefined;
}

function constructed(file: FileIndex, construction: ts.CallExpression | ts.NewExpression, module: string, path: readonly string[]): boolean {
  const callee = originOf(file, construction.expression);
  return callee?.module === module && pathEquals(callee.path, path);
}
