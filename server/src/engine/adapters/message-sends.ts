// Outbound messages: code that hands a message to a broker and does not wait for a reply (rules.md: messages are not
// remote calls). amqplib and amqp-connection-manager channels, kafkajs producers, Bull/BullMQ queues, NestJS
// ClientProxy.emit, Google Pub/Sub topics, SQS and SNS. Receivers are recognised by where they come from (originOf).
import ts from 'typescript';
import type { FactsAdapter } from '../facts/adapter.js';
import { arrayElementsOf, objectLiteralOf, propertyValue, thisMemberValue } from '../facts/config-objects.js';
import type { FileIndex } from '../facts/file-index.js';
import { originOf, pathEquals, type ValueOrigin } from '../facts/origins.js';
import { calledMethod, staticPropertyName, stringLiteralValue, unwrapExpression } from '../facts/syntax.js';
import type { MessageSendFact } from '../facts/types.js';
import { isAwaited } from './awaited.js';
import { natsConnectionLibrary } from './messaging-nats-subjects.js';
import { isAmqpChannel, isAmqpManagerChannel, isBullmqQueue, isBullQueue, isKafkaProducer } from './broker-clients.js';

const NEST_MICROSERVICES = '@nestjs/microservices';
/** NestJS client classes that can emit events (ClientGrpcProxy cannot). */
const NEST_EVENT_CLIENTS = ['ClientProxy', 'ClientKafka', 'ClientRMQ', 'ClientRedis', 'ClientNats', 'ClientMqtt', 'ClientTCP'];
const PUBSUB = '@google-cloud/pubsub';
const SQS_V3 = '@aws-sdk/client-sqs';
const SNS_V3 = '@aws-sdk/client-sns';
/** AWS SDK v3 commands that send: class name → the input property naming the destination. */
const SEND_COMMANDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  [SQS_V3]: { SendMessageCommand: 'QueueUrl', SendMessageBatchCommand: 'QueueUrl' },
  [SNS_V3]: { PublishCommand: 'TopicArn', PublishBatchCommand: 'TopicArn' },
};
/** Bounds following a receiver back to what created it (variables, class members). */
const FOLLOW_BUDGET = 6;

/** What a send call is: the library, the operation, and the expression naming where it goes. */
interface SendMatch {
  library: string;
  operation: string;
  destination?: ts.Expression | undefined;
}

export const messageSendsAdapter: FactsAdapter = {
  name: 'message-sends',
  extract(file, facts) {
    for (const call of file.calls) {
      const match = matchSend(file, call);
      if (!match) continue;
      const fact: MessageSendFact = { ...file.span(call), library: match.library, operation: match.operation, awaited: isAwaited(file, call) };
      if (match.destination) fact.destination = file.span(match.destination);
      facts.messageSends.push(fact);
    }
  },
};

function matchSend(file: FileIndex, call: ts.CallExpression): SendMatch | undefined {
  const method = calledMethod(call);
  if (!method) return undefined;
  const args = call.arguments;
  switch (method.name) {
    case 'publish':
      return amqpSend(file, method.receiver, method.name, args) ?? pubsubPublish(file, method.receiver, method.name) ?? natsPublish(file, method.receiver, args);
    case 'sendToQueue':
      return amqpSend(file, method.receiver, method.name, args) ?? pubsubPublish(file, method.receiver, method.name);
    case 'send':
      return kafkaSend(file, method.receiver, 'send', args) ?? awsCommandSend(file, args[0]);
    case 'sendBatch':
      return kafkaSend(file, method.receiver, 'sendBatch', args);
    case 'add':
    case 'addBulk':
      return queueAdd(file, method.receiver, method.name);
    case 'emit':
      return nestEmit(file, method.receiver, args);
    case 'publishMessage':
    case 'publishJSON':
      return pubsubPublish(file, method.receiver, method.name);
    case 'sendMessage':
    case 'sendMessageBatch':
      return sqsAggregatedSend(file, method.receiver, method.name, args);
    default:
      return undefined;
  }
}

/** NATS `nc.publish(subject, data)` and NATS Streaming `stan.publish(subject, data, callback)`. */
function natsPublish(file: FileIndex, receiver: ts.Expression, args: ts.NodeArray<ts.Expression>): SendMatch | undefined {
  const library = natsConnectionLibrary(originOf(file, receiver));
  return library ? { library, operation: 'publish', destination: args[0] } : undefined;
}

/** channel.publish(exchange, routingKey, content) / channel.sendToQueue(queue, content). */
function amqpSend(file: FileIndex, receiver: ts.Expression, name: string, args: ts.NodeArray<ts.Expression>): SendMatch | undefined {
  const origin = originOf(file, receiver);
  const library = isAmqpChannel(origin) ? 'amqplib' : isAmqpManagerChannel(origin) ? 'amqp-connection-manager' : undefined;
  if (!library) return undefined;
  if (name === 'sendToQueue') return { library, operation: 'sendToQueue', destination: args[0] };
  // The default exchange ('') routes by queue name: then the routing key is where the message goes.
  const exchange = args[0];
  const destination = exchange && stringLiteralValue(exchange) === '' ? args[1] : exchange;
  return { library, operation: 'publish', destination };
}

/** producer.send({ topic, messages }) / producer.sendBatch({ topicMessages: [{ topic, messages }] }). */
function kafkaSend(file: FileIndex, receiver: ts.Expression, name: string, args: ts.NodeArray<ts.Expression>): SendMatch | undefined {
  if (!isKafkaProducer(originOf(file, receiver))) return undefined;
  const record = objectLiteralOf(file, args[0]);
  let destination: ts.Expression | undefined;
  if (record && name === 'send') destination = propertyValue(file, record, 'topic');
  if (record && name === 'sendBatch') {
    const first = arrayElementsOf(file, propertyValue(file, record, 'topicMessages'))?.[0];
    const entry = objectLiteralOf(file, first);
    destination = entry && propertyValue(file, entry, 'topic');
  }
  return { library: 'kafkajs', operation: `producer.${name}`, destination };
}

/** queue.add(jobName, data, opts) / queue.addBulk(jobs): the queue's name is where it was created or injected. */
function queueAdd(file: FileIndex, receiver: ts.Expression, name: string): SendMatch | undefined {
  const origin = originOf(file, receiver);
  const library = isBullmqQueue(origin) ? 'bullmq' : isBullQueue(origin) ? 'bull' : undefined;
  if (!library) return undefined;
  const creation = creationOf(file, receiver);
  const destination = creation && (ts.isNewExpression(creation) || ts.isCallExpression(creation)) ? creation.arguments?.[0] : undefined;
  return { library, operation: `queue.${name}`, destination: destination ?? injectedQueueName(file, receiver) };
}

/** client.emit(pattern, data) on a NestJS ClientProxy (injected, @Client-decorated, or from ClientProxyFactory.create). */
function nestEmit(file: FileIndex, receiver: ts.Expression, args: ts.NodeArray<ts.Expression>): SendMatch | undefined {
  const origin = originOf(file, receiver);
  if (origin?.module !== NEST_MICROSERVICES) return undefined;
  const isClient =
    (origin.path.length === 2 && NEST_EVENT_CLIENTS.includes(origin.path[0]!) && origin.path[1] === 'new') ||
    pathEquals(origin.path, ['ClientProxyFactory', 'create', '()']);
  return isClient ? { library: NEST_MICROSERVICES, operation: 'emit', destination: args[0] } : undefined;
}

/** pubsub.topic(name).publishMessage({ data }) / .publish(buffer) / .publishJSON(object). */
function pubsubPublish(file: FileIndex, receiver: ts.Expression, name: string): SendMatch | undefined {
  const origin = originOf(file, receiver);
  if (!isPubsubTopic(origin)) return undefined;
  const creation = creationOf(file, receiver);
  const destination = creation && ts.isCallExpression(creation) && calledMethod(creation)?.name === 'topic' ? creation.arguments[0] : undefined;
  return { library: PUBSUB, operation: `topic.${name}`, destination };
}

function isPubsubTopic(origin: ValueOrigin | undefined): boolean {
  if (origin?.module !== PUBSUB) return false;
  return pathEquals(origin.path, ['Topic', 'new']) || origin.path.includes('topic') || origin.path.includes('createTopic');
}

/** client.send(new SendMessageCommand({ QueueUrl })) — the command says what the send does, whatever the client's name. */
function awsCommandSend(file: FileIndex, argument: ts.Expression | undefined): SendMatch | undefined {
  const command = creationOf(file, argument);
  if (!command || !ts.isNewExpression(command)) return undefined;
  const origin = originOf(file, command.expression);
  if (!origin || origin.path.length !== 1) return undefined;
  const destinationKey = SEND_COMMANDS[origin.module]?.[origin.path[0]!];
  if (!destinationKey) return undefined;
  const input = objectLiteralOf(file, command.arguments?.[0]);
  return { library: origin.module, operation: origin.path[0]!, destination: input && propertyValue(file, input, destinationKey) };
}

/** new SQS().sendMessage({ QueueUrl, MessageBody }) — AWS SDK v3 aggregated client and v2 (`new AWS.SQS()`). */
function sqsAggregatedSend(file: FileIndex, receiver: ts.Expression, name: string, args: ts.NodeArray<ts.Expression>): SendMatch | undefined {
  const origin = originOf(file, receiver);
  if (!origin) return undefined;
  const isSqs =
    ((origin.module === SQS_V3 || origin.module === 'aws-sdk') && pathEquals(origin.path, ['SQS', 'new'])) ||
    (origin.module === 'aws-sdk/clients/sqs' && pathEquals(origin.path, ['new']));
  if (!isSqs) return undefined;
  const input = objectLiteralOf(file, args[0]);
  return { library: origin.module === SQS_V3 ? SQS_V3 : 'aws-sdk', operation: name, destination: input && propertyValue(file, input, 'QueueUrl') };
}

/**
 * The call or construction that created a value, followed through local variables and class members in this file
 * (`const q = new Queue('emails')`, `private readonly topic = pubsub.topic('orders')`, `this.q = new Queue(…)`).
 */
function creationOf(file: FileIndex, expression: ts.Expression | undefined): ts.CallExpression | ts.NewExpression | undefined {
  let current = expression && unwrapExpression(expression);
  for (let budget = FOLLOW_BUDGET; current && budget > 0; budget--) {
    if (ts.isCallExpression(current) || ts.isNewExpression(current)) return current;
    if (ts.isIdentifier(current)) {
      const declaration = file.lookup(current)?.node;
      current = declaration && ts.isVariableDeclaration(declaration) && declaration.initializer ? unwrapExpression(declaration.initializer) : undefined;
    } else if (ts.isPropertyAccessExpression(current) && current.expression.kind === ts.SyntaxKind.ThisKeyword) {
      current = thisMemberValue(file, current);
    } else {
      return undefined;
    }
  }
  return undefined;
}

/** NestJS `@InjectQueue('emails') private readonly queue: Queue` (@nestjs/bull, @nestjs/bullmq): the queue name. */
function injectedQueueName(file: FileIndex, receiver: ts.Expression): ts.Expression | undefined {
  const access = unwrapExpression(receiver);
  if (!ts.isPropertyAccessExpression(access) || access.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  const owner = file.ancestor(access, (n): n is ts.ClassLikeDeclaration => ts.isClassDeclaration(n) || ts.isClassExpression(n));
  if (!owner) return undefined;
  const name = access.name.text;
  const holders: ts.Node[] = [];
  for (const member of owner.members) {
    if (ts.isPropertyDeclaration(member) && staticPropertyName(member.name) === name) holders.push(member);
    if (ts.isConstructorDeclaration(member)) {
      holders.push(...member.parameters.filter((p) => ts.isIdentifier(p.name) && p.name.text === name));
    }
  }
  for (const holder of holders) {
    for (const decorator of (ts.canHaveDecorators(holder) && ts.getDecorators(holder)) || []) {
      const call = decorator.expression;
      if (!ts.isCallExpression(call)) continue;
      const origin = originOf(file, call.expression);
      if ((origin?.module === '@nestjs/bullmq' || origin?.module === '@nestjs/bull') && pathEquals(origin.path, ['InjectQueue'])) return call.arguments[0];
    }
  }
  return undefined;
}
