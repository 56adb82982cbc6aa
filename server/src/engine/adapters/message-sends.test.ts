import { describe, expect, it } from 'vitest';
import { factsOf, slice } from '../facts/testing.js';

/** [library, operation, call text, destination text, awaited] */
function sends(text: string): Array<[string, string, string, string | undefined, boolean]> {
  return factsOf(text).messageSends.map((fact) => [fact.library, fact.operation, slice(text, fact), fact.destination && slice(text, fact.destination), fact.awaited]);
}

describe('amqplib', () => {
  it('finds publish and sendToQueue on a channel, in the promise and the callback API', () => {
    const text = [
      "import amqp from 'amqplib';",
      "import * as callbackApi from 'amqplib/callback_api';",
      'const connection = await amqp.connect(process.env.AMQP_URL!);',
      'const channel = await connection.createConfirmChannel();',
      "await channel.publish('orders', 'order.placed', Buffer.from('{}'));",
      "channel.publish('', 'billing', Buffer.from('{}'));",
      "channel.sendToQueue('emails', Buffer.from('{}'), { persistent: true });",
      'callbackApi.connect(url, (err, conn) => {',
      "  conn.createChannel((err2, ch) => { ch.sendToQueue('audit', Buffer.from('x')); });",
      '});',
    ].join('\n');
    expect(sends(text)).toEqual([
      ['amqplib', 'publish', "channel.publish('orders', 'order.placed', Buffer.from('{}'))", "'orders'", true],
      ['amqplib', 'publish', "channel.publish('', 'billing', Buffer.from('{}'))", "'billing'", false],
      ['amqplib', 'sendToQueue', "channel.sendToQueue('emails', Buffer.from('{}'), { persistent: true })", "'emails'", false],
      ['amqplib', 'sendToQueue', "ch.sendToQueue('audit', Buffer.from('x'))", "'audit'", false],
    ]);
  });

  it('finds a Channel-typed class member and an amqp-connection-manager channel wrapper', () => {
    const text = [
      "import type { Channel } from 'amqplib';",
      "import { connect } from 'amqp-connection-manager';",
      'class Publisher {',
      '  constructor(private readonly channel: Channel) {}',
      "  send(body: Buffer) { return this.channel.publish('events', 'x', body); }",
      '}',
      "const wrapper = connect(['amqp://rabbitmq']).createChannel({ json: true });",
      "await wrapper.sendToQueue('jobs', { id: 1 });",
    ].join('\n');
    expect(sends(text).map(([library, operation, , destination, awaited]) => [library, operation, destination, awaited])).toEqual([
      ['amqplib', 'publish', "'events'", false],
      ['amqp-connection-manager', 'sendToQueue', "'jobs'", true],
    ]);
  });

  it('does not take publish on something that is not a channel', () => {
    const text = [
      "import { EventEmitter } from 'node:events';",
      'const bus = new EventEmitter();',
      "bus.emit('x', 1);",
      'const pubsub = { publish: (t: string) => t };',
      "pubsub.publish('orders');",
      "function sendToQueue(q: string) { return q; }\nsendToQueue('x');",
    ].join('\n');
    expect(sends(text)).toEqual([]);
  });
});

describe('kafkajs', () => {
  it('finds producer.send and sendBatch, with the topic', () => {
    const text = [
      "import { Kafka } from 'kafkajs';",
      "const producer = new Kafka({ clientId: 'orders', brokers: ['kafka:9092'] }).producer();",
      "await producer.send({ topic: 'order.placed', messages: [{ value: '{}' }] });",
      "void producer.sendBatch({ topicMessages: [{ topic: 'audit', messages: [] }] });",
    ].join('\n');
    expect(sends(text)).toEqual([
      ['kafkajs', 'producer.send', "producer.send({ topic: 'order.placed', messages: [{ value: '{}' }] })", "'order.placed'", true],
      ['kafkajs', 'producer.sendBatch', "producer.sendBatch({ topicMessages: [{ topic: 'audit', messages: [] }] })", "'audit'", false],
    ]);
  });

  it('finds a producer typed as possibly absent (`Producer | null`), and nothing on an unrelated union', () => {
    const text = [
      "import type { Producer } from 'kafkajs';",
      'let producer: Producer | null = null;',
      'let either: Producer | Map<string, string> | null = null;',
      'export async function publish() {',
      "  await producer!.send({ topic: 'notification-events', messages: [] });",
      "  await (either as never as { send(x: unknown): Promise<void> }).send({ topic: 'nope' });",
      '}',
    ].join('\n');
    expect(sends(text).map(([library, , , destination]) => [library, destination])).toEqual([['kafkajs', "'notification-events'"]]);
  });

  it('finds a Producer-typed constructor parameter and a producer transaction', () => {
    const text = [
      "import type { Producer } from 'kafkajs';",
      'export class Events {',
      '  constructor(private readonly producer: Producer) {}',
      '  async placed(id: string) {',
      "    await this.producer.send({ topic: TOPIC, messages: [{ key: id, value: id }] });",
      '    const tx = await this.producer.transaction();',
      "    await tx.send({ topic: 'b', messages: [] });",
      '  }',
      '}',
    ].join('\n');
    expect(sends(text).map(([, operation, , destination]) => [operation, destination])).toEqual([
      ['producer.send', 'TOPIC'],
      ['producer.send', "'b'"],
    ]);
  });
});

describe('Bull and BullMQ', () => {
  it('finds queue.add and addBulk, naming the queue where it was created', () => {
    const text = [
      "import { Queue } from 'bullmq';",
      "import Bull from 'bull';",
      "const emails = new Queue('emails', { connection });",
      "await emails.add('welcome', { to: 'a@b.c' }, { attempts: 5 });",
      "await emails.addBulk([{ name: 'x', data: {} }]);",
      "const legacy = new Bull('legacy');",
      'legacy.add({ id: 1 });',
    ].join('\n');
    expect(sends(text)).toEqual([
      ['bullmq', 'queue.add', "emails.add('welcome', { to: 'a@b.c' }, { attempts: 5 })", "'emails'", true],
      ['bullmq', 'queue.addBulk', "emails.addBulk([{ name: 'x', data: {} }])", "'emails'", true],
      ['bull', 'queue.add', 'legacy.add({ id: 1 })', "'legacy'", false],
    ]);
  });

  it('takes the queue name from @InjectQueue in a NestJS service', () => {
    const text = [
      "import { InjectQueue } from '@nestjs/bullmq';",
      "import { Queue } from 'bullmq';",
      'export class Mailer {',
      "  constructor(@InjectQueue('emails') private readonly queue: Queue) {}",
      "  send() { return this.queue.add('welcome', {}); }",
      '}',
    ].join('\n');
    expect(sends(text)).toEqual([['bullmq', 'queue.add', "this.queue.add('welcome', {})", "'emails'", false]]);
  });

  it('does not take add on a Set or an array-like', () => {
    expect(sends("const seen = new Set<string>();\nseen.add('x');\nimport { Queue } from './my-queue';\nnew Queue().add(1);")).toEqual([]);
  });
});

describe('NestJS ClientProxy.emit', () => {
  it('finds emit on an injected client, awaited through firstValueFrom or toPromise', () => {
    const text = [
      "import { Inject } from '@nestjs/common';",
      "import { ClientProxy } from '@nestjs/microservices';",
      "import { firstValueFrom } from 'rxjs';",
      'export class Orders {',
      "  constructor(@Inject('EVENTS') private readonly client: ClientProxy) {}",
      '  async placed(order: { id: string }) {',
      "    await firstValueFrom(this.client.emit('order_placed', order));",
      "    this.client.emit('order_audited', order);",
      "    await this.client.emit('order_logged', order).toPromise();",
      "    return this.client.send('get_ticket', order);",
      '  }',
      '}',
    ].join('\n');
    expect(sends(text).map(([library, operation, , destination, awaited]) => [library, operation, destination, awaited])).toEqual([
      ['@nestjs/microservices', 'emit', "'order_placed'", true],
      ['@nestjs/microservices', 'emit', "'order_audited'", false],
      ['@nestjs/microservices', 'emit', "'order_logged'", true],
    ]);
  });

  it('does not take emit on an EventEmitter', () => {
    expect(sends("import { EventEmitter2 } from '@nestjs/event-emitter';\nclass A { constructor(private e: EventEmitter2) {} f() { this.e.emit('x'); } }")).toEqual([]);
  });
});

describe('Google Pub/Sub', () => {
  it('finds publishMessage and publish on a topic', () => {
    const text = [
      "import { PubSub } from '@google-cloud/pubsub';",
      'const pubsub = new PubSub();',
      "const topic = pubsub.topic('orders');",
      'await topic.publishMessage({ json: { id: 1 } });',
      "pubsub.topic('audit').publish(Buffer.from('x')).then(() => undefined);",
    ].join('\n');
    expect(sends(text)).toEqual([
      ['@google-cloud/pubsub', 'topic.publishMessage', 'topic.publishMessage({ json: { id: 1 } })', "'orders'", true],
      ['@google-cloud/pubsub', 'topic.publish', "pubsub.topic('audit').publish(Buffer.from('x'))", "'audit'", false],
    ]);
  });
});

describe('SQS and SNS', () => {
  it('finds client.send of a SendMessageCommand (inline or through a variable) and SNS PublishCommand', () => {
    const text = [
      "import { SQSClient, SendMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';",
      "import { SNSClient, PublishCommand } from '@aws-sdk/client-sns';",
      'const sqs = new SQSClient({});',
      'await sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: "{}" }));',
      'const command = new PublishCommand({ TopicArn: TOPIC, Message: "{}" });',
      'await new SNSClient({}).send(command);',
      'await sqs.send(new ReceiveMessageCommand({ QueueUrl: q }));',
    ].join('\n');
    expect(sends(text).map(([library, operation, , destination, awaited]) => [library, operation, destination, awaited])).toEqual([
      ['@aws-sdk/client-sqs', 'SendMessageCommand', 'process.env.QUEUE_URL', true],
      ['@aws-sdk/client-sns', 'PublishCommand', 'TOPIC', true],
    ]);
  });

  it('finds the aggregated clients of SDK v3 and v2', () => {
    const text = [
      "import { SQS } from '@aws-sdk/client-sqs';",
      "import AWS from 'aws-sdk';",
      "await new SQS({}).sendMessage({ QueueUrl: 'q1', MessageBody: 'x' });",
      "await new AWS.SQS().sendMessage({ QueueUrl: 'q2', MessageBody: 'x' }).promise();",
    ].join('\n');
    expect(sends(text).map(([library, operation, , destination, awaited]) => [library, operation, destination, awaited])).toEqual([
      ['@aws-sdk/client-sqs', 'sendMessage', "'q1'", true],
      ['aws-sdk', 'sendMessage', "'q2'", true],
    ]);
  });
});

describe('awaited', () => {
  it('follows parentheses, casts and promise chains, and not Promise.all or a returned promise', () => {
    const text = [
      "import { Queue } from 'bullmq';",
      "const q = new Queue('q');",
      'async function f() {',
      "  await (q.add('a', {}) as Promise<unknown>);",
      "  await q.add('b', {}).then(() => 1).catch(() => 2);",
      "  await Promise.all([q.add('c', {})]);",
      "  return q.add('d', {});",
      '}',
    ].join('\n');
    expect(sends(text).map(([, , call, , awaited]) => [call.slice(6, 9), awaited])).toEqual([
      ["'a'", true],
      ["'b'", true],
      ["'c'", false],
      ["'d'", false],
    ]);
  });
});
