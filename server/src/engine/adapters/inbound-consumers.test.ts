import { describe, expect, it } from 'vitest';
import { factsOf, slice } from '../facts/testing.js';

function consumers(text: string): Array<[string, string]> {
  return factsOf(text)
    .entrypoints.filter((fact) => fact.kind === 'message-consumer')
    .map((fact) => [fact.library, slice(text, fact)]);
}

describe('message consumers', () => {
  it('finds amqplib channel.consume through connect() and createChannel()', () => {
    const text = [
      "import * as amqp from 'amqplib';",
      'async function main() {',
      "  const conn = await amqp.connect('amqp://rabbitmq:5672');",
      '  const channel = await conn.createChannel();',
      "  await channel.assertQueue('orders', { durable: true });",
      "  await channel.consume('orders', (msg) => { if (msg) channel.ack(msg); });",
      '}',
    ].join('\n');
    expect(consumers(text)).toEqual([['amqplib', "channel.consume('orders', (msg) => { if (msg) channel.ack(msg); })"]]);
  });

  it('finds amqplib consumers through renamed imports, the callback API and typed channels', () => {
    const text = [
      "import { connect as amqpConnect, type Channel } from 'amqplib';",
      "import * as callbackAmqp from 'amqplib/callback_api';",
      'const conn = await amqpConnect(process.env.AMQP_URL!);',
      'const confirm = await conn.createConfirmChannel();',
      "confirm.consume('a', () => {});",
      "callbackAmqp.connect('amqp://localhost', (err, connection) => {",
      "  connection.createChannel((err2, ch) => { ch.consume('b', () => {}); });",
      '});',
      "export function listen(channel: Channel) { return channel.consume('c', () => {}); }",
    ].join('\n');
    expect(consumers(text).map(([library, span]) => [library, span.slice(0, 15)])).toEqual([
      ['amqplib', "confirm.consume"],
      ['amqplib', "ch.consume('b',"],
      ['amqplib', "channel.consume"],
    ]);
  });

  it('finds amqp-connection-manager consumers, also through a typed setup channel', () => {
    const text = [
      "import amqp from 'amqp-connection-manager';",
      "import type { ConfirmChannel } from 'amqplib';",
      "const connection = amqp.connect(['amqp://rabbitmq:5672']);",
      'const wrapper = connection.createChannel({',
      "  setup: (channel: ConfirmChannel) => channel.consume('audit', () => {}),",
      '});',
      "await wrapper.consume('orders', (msg) => {});",
    ].join('\n');
    expect(consumers(text).map(([library, span]) => [library, span.slice(0, 23)])).toEqual([
      ['amqplib', "channel.consume('audit'"],
      ['amqp-connection-manager', "wrapper.consume('orders"],
    ]);
  });

  it('does not take a consume() on something that is not an amqplib channel', () => {
    const text = [
      'function connect(url: string) { return { createChannel: async () => ({ consume: (q: string) => q }) }; }',
      'const channel = await connect("amqp://x").createChannel();',
      "channel.consume('orders');",
      "const stream = { consume: () => {} };",
      'stream.consume();',
    ].join('\n');
    expect(consumers(text)).toEqual([]);
  });

  it('finds kafkajs consumer.run', () => {
    const text = [
      "import { Kafka } from 'kafkajs';",
      "const kafka = new Kafka({ clientId: 'billing', brokers: ['kafka:9092'] });",
      "const consumer = kafka.consumer({ groupId: 'billing' });",
      'await consumer.connect();',
      "await consumer.subscribe({ topic: 'orders', fromBeginning: true });",
      'await consumer.run({ eachMessage: async ({ message }) => { console.log(message.value); } });',
      "const producer = kafka.producer();",
      'await producer.connect();',
    ].join('\n');
    expect(consumers(text).map(([library, span]) => [library, span.slice(0, 30)])).toEqual([['kafkajs', 'consumer.run({ eachMessage: as']]);
  });

  it('finds a BullMQ Worker but not a Queue', () => {
    const text = [
      "import { Queue, Worker } from 'bullmq';",
      "const queue = new Queue('emails', { connection: { host: 'redis', port: 6379 } });",
      "const worker = new Worker('emails', async (job) => { await send(job.data); }, { connection: { host: 'redis', port: 6379 } });",
    ].join('\n');
    expect(consumers(text).map(([library, span]) => [library, span.slice(0, 19)])).toEqual([['bullmq', "new Worker('emails'"]]);
  });

  it('does not take a Worker that is not from bullmq', () => {
    const text = "import { Worker } from 'node:worker_threads';\nnew Worker('./task.js');";
    expect(consumers(text)).toEqual([]);
  });

  it('finds SQS receives, sqs-consumer and Pub/Sub subscriptions', () => {
    const text = [
      "import { SQSClient, ReceiveMessageCommand } from '@aws-sdk/client-sqs';",
      "import { Consumer } from 'sqs-consumer';",
      "import { PubSub } from '@google-cloud/pubsub';",
      "const sqs = new SQSClient({ region: 'eu-west-1' });",
      'await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 20 }));',
      'const app = Consumer.create({ queueUrl: url, handleMessage: async (m) => {} });',
      'app.start();',
      'const pubsub = new PubSub();',
      "const subscription = pubsub.subscription('orders-sub');",
      "subscription.on('message', (message) => message.ack());",
      "subscription.on('error', () => {});",
    ].join('\n');
    expect(consumers(text).map(([library, span]) => [library, span.slice(0, 25)])).toEqual([
      ['@aws-sdk/client-sqs', 'new ReceiveMessageCommand'],
      ['sqs-consumer', 'Consumer.create({ queueUr'],
      ['@google-cloud/pubsub', "subscription.on('message'"],
    ]);
  });
});
