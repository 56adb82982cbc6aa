import rule from './missing-retry-limit.js';
import { docExamples } from './testing/doc-examples.js';
import { ruleTester, type Files } from './testing/rule-tester.js';

/** Files of one service (`services/<name>/src/<path>`), with its package.json. */
function service(name: string, files: Record<string, string>): Files {
  const out: Files = { [`services/${name}/package.json`]: JSON.stringify({ name: `@shop/${name}` }) };
  for (const [path, text] of Object.entries(files)) out[`services/${name}/src/${path}`] = text;
  return out;
}

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

/** An amqplib consumer of `queue` whose catch block runs `onError` (line 7, column 7). */
const amqpConsumer = (queue: string, onError: string, before: string[] = []) =>
  lines(
    "import type { Channel } from 'amqplib';",
    'export async function consume(channel: Channel) {',
    ...before,
    `  await channel.consume('${queue}', async (msg) => {`,
    '    if (!msg) return;',
    '    try { await handle(msg.content); channel.ack(msg); }',
    '    catch {',
    `      ${onError}`,
    '    }',
    '  });',
    '}',
    'declare function handle(body: Buffer): Promise<void>;',
  );

const kafkaRun = (handler: string[], extra: string[] = []) =>
  lines(
    "import { Kafka } from 'kafkajs';",
    "const kafka = new Kafka({ brokers: ['kafka:9092'] });",
    ...extra,
    "const consumer = kafka.consumer({ groupId: 'mailer' });",
    "await consumer.subscribe({ topic: 'order.placed' });",
    'await consumer.run({',
    ...handler,
    '});',
    'declare function handle(event: unknown): Promise<void>;',
  );

ruleTester(rule, {
  valid: [
    {
      name: 'a quorum queue with x-delivery-limit bounds a requeue (also when another service declares it)',
      files: {
        ...service('orders', {
          'topology.ts': lines(
            "import type { Channel } from 'amqplib';",
            'export const declare = (channel: Channel) =>',
            "  channel.assertQueue('orders', { durable: true, deadLetterExchange: 'orders.dlx', arguments: { 'x-queue-type': 'quorum', 'x-delivery-limit': 5 } });",
          ),
        }),
        ...service('mailer', { 'consumer.ts': amqpConsumer('orders', 'channel.nack(msg, false, true);') }),
      },
    },
    {
      name: 'requeue guards that check a delivery count: x-delivery-count, x-death, redelivered',
      files: service('mailer', {
        'a.ts': amqpConsumer('a', "channel.nack(msg, false, Number(msg.properties.headers?.['x-delivery-count'] ?? 0) < 5);"),
        'b.ts': amqpConsumer('b', "if ((msg.properties.headers?.['x-death']?.[0]?.count ?? 0) < 3) channel.nack(msg); else channel.nack(msg, false, false);"),
        'c.ts': amqpConsumer('c', 'channel.reject(msg, !msg.fields.redelivered);'),
      }),
    },
    {
      name: 'no requeue: nack and reject without requeue, and auto-acknowledged consumers',
      files: service('mailer', {
        'a.ts': amqpConsumer('a', 'channel.nack(msg, false, false);'),
        'b.ts': amqpConsumer('b', 'channel.reject(msg, false);'),
        'c.ts': lines(
          "import type { Channel } from 'amqplib';",
          "export const consume = (channel: Channel) => channel.consume('metrics', (msg) => { if (msg) channel.nack(msg); }, { noAck: true });",
        ),
      }),
    },
    {
      name: 'a queue whose name is not known here (a parameter) may be declared with a limit anywhere',
      files: service('mailer', {
        'a.ts': lines(
          "import type { Channel } from 'amqplib';",
          'export const consume = (channel: Channel, queue: string) =>',
          '  channel.consume(queue, (msg) => { if (msg) channel.nack(msg); });',
        ),
      }),
    },
    {
      name: 'a nack on something that is not an amqplib channel',
      files: service('mailer', {
        'a.ts': lines('const queue = { nack: (m: unknown) => m, consume: (q: string, f: (m: unknown) => void) => f(q) };', "queue.consume('orders', (m) => queue.nack(m));"),
      }),
    },
    {
      name: 'kafkajs: a handler that catches everything, or a consumer whose restartOnFailure decides when to stop',
      files: service('mailer', {
        'a.ts': kafkaRun([
          '  eachMessage: async ({ topic, message }) => {',
          "    try { await handle(JSON.parse(message.value?.toString() ?? '')); }",
          '    catch (err) { console.error(err); await producer.send({ topic: `${topic}.dlq`, messages: [message] }); }',
          '  },',
        ], ['const producer = kafka.producer();']),
        'b.ts': lines(
          "import { Kafka } from 'kafkajs';",
          "const kafka = new Kafka({ brokers: ['kafka:9092'], retry: { retries: 5, restartOnFailure: async () => false } });",
          "const consumer = kafka.consumer({ groupId: 'audit' });",
          'await consumer.run({ eachMessage: async ({ message }) => { await handle(message.value); } });',
          'declare function handle(value: unknown): Promise<void>;',
        ),
      }),
    },
    {
      name: 'SQS: a queue created elsewhere (not judged), one with a RedrivePolicy, and a receive-count check',
      files: service('billing', {
        'queues.ts': lines(
          "import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';",
          "export const create = (sqs: SQSClient) => sqs.send(new CreateQueueCommand({ QueueName: 'invoices', Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: process.env.DLQ_ARN, maxReceiveCount: 5 }) } }));",
        ),
        'poll.ts': lines(
          "import { ReceiveMessageCommand, DeleteMessageCommand, SQSClient } from '@aws-sdk/client-sqs';",
          'const sqs = new SQSClient({});',
          'export async function poll(QueueUrl: string) {',
          '  for (;;) {',
          '    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl }));',
          '    for (const m of Messages) { await handle(m.Body); await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle })); }',
          '  }',
          '}',
          "export const pollInvoices = () => sqs.send(new ReceiveMessageCommand({ QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/1/invoices' }));",
          'declare function handle(body: string | undefined): Promise<void>;',
        ),
      }),
    },
    {
      name: 'Pub/Sub nack on a subscription with a dead-letter policy, or declared outside the code; JetStream nak with max_deliver',
      files: service('mailer', {
        'pubsub.ts': lines(
          "import { PubSub } from '@google-cloud/pubsub';",
          'const pubsub = new PubSub();',
          "await pubsub.createSubscription('orders', 'orders-mailer', { deadLetterPolicy: { deadLetterTopic: pubsub.topic('orders-dlq').name } });",
          "pubsub.subscription('orders-mailer').on('message', (m) => { try { handle(m.data); m.ack(); } catch { m.nack(); } });",
          "pubsub.subscription('from-terraform').on('message', (m) => m.nack());",
          'declare function handle(data: Buffer): void;',
        ),
        'nats.ts': lines(
          "import { connect } from 'nats';",
          "const nc = await connect({ servers: 'nats://nats:4222' });",
          "await (await nc.jetstreamManager()).consumers.add('ORDERS', { durable_name: 'mailer', max_deliver: 5 });",
          "const messages = await (await nc.jetstream().consumers.get('ORDERS', 'mailer')).consume();",
          'for await (const m of messages) m.nak();',
        ),
      }),
    },
    {
      name: 'Azure Service Bus dead-letters after maxDeliveryCount by itself',
      files: service('mailer', {
        'a.ts': lines(
          "import { ServiceBusClient } from '@azure/service-bus';",
          'const client = new ServiceBusClient(process.env.SERVICE_BUS!);',
          "const receiver = client.createReceiver('orders');",
          'receiver.subscribe({ processMessage: async (m) => { try { await handle(m.body); } catch { await receiver.abandonMessage(m); } }, processError: async () => {} });',
          'declare function handle(body: unknown): Promise<void>;',
        ),
      }),
    },
    {
      name: 'NestJS RMQ: a rethrow (or requeue) with the default noAck, and a rethrow into a queue with a dead-letter exchange',
      files: {
        ...service('auto', {
          'main.ts': lines(
            "import { NestFactory } from '@nestjs/core';",
            "import { Transport } from '@nestjs/microservices';",
            "import { AppModule } from './app.module';",
            "await NestFactory.createMicroservice(AppModule, { transport: Transport.RMQ, options: { queue: 'auto_queue' } });",
          ),
          'listener.ts': nestListener(),
        }),
        ...service('dlx', {
          'main.ts': lines(
            "import { NestFactory } from '@nestjs/core';",
            "import { Transport } from '@nestjs/microservices';",
            "import { AppModule } from './app.module';",
            "await NestFactory.createMicroservice(AppModule, { transport: Transport.RMQ, options: { queue: 'dlx_queue', noAck: false, queueOptions: { deadLetterExchange: 'dlx_queue.dlx' } } });",
          ),
          'listener.ts': nestListener().split("  @EventPattern('order_cancelled')")[0] + '}\n',
        }),
      },
    },
  ],
  invalid: [
    {
      name: 'amqplib: nack(msg, false, true) on a queue declared without a delivery limit',
      files: service('notifications', {
        'consumer.ts': amqpConsumer('orders', 'channel.nack(msg, false, true);', ["  await channel.assertQueue('orders', { durable: true });"]),
      }),
      errors: [
        {
          file: 'services/notifications/src/consumer.ts',
          line: 8,
          column: 7,
          message: 'This consumer puts a failing message back on `orders` forever: one poison message is redelivered to every worker in turn and blocks the queue. Check the delivery count (or set `x-delivery-limit` on a quorum queue)',
          related: ['services/notifications/src/consumer.ts:3'],
        },
      ],
    },
    {
      name: "amqplib: a consumer of assertQueue's reply meets its declaration",
      files: service('notifications', {
        'consumer.ts': amqpConsumer('${queue}', 'channel.nack(msg);', ["  const { queue } = await channel.assertQueue('orders', { durable: true });"]).replace("channel.consume('${queue}'", 'channel.consume(queue'),
      }),
      errors: [{ file: 'services/notifications/src/consumer.ts', line: 8, column: 7, message: 'back on `orders` forever', related: ['services/notifications/src/consumer.ts:3'] }],
    },
    {
      name: 'amqplib: nack(msg) and reject(msg) requeue by default; a queue declared nowhere has no limit',
      files: service('notifications', {
        'a.ts': amqpConsumer('a', 'channel.nack(msg);'),
        'b.ts': amqpConsumer('b', 'channel.reject(msg);'),
      }),
      errors: [
        { file: 'services/notifications/src/a.ts', line: 7, column: 7, message: 'back on `a` forever' },
        { file: 'services/notifications/src/b.ts', line: 7, column: 7, message: 'back on `b` forever' },
      ],
    },
    {
      name: 'amqplib: the declaration in another service has a dead-letter exchange but no delivery limit',
      files: {
        ...service('orders', {
          'topology.ts': lines(
            "import * as amqp from 'amqplib';",
            "const channel = await (await amqp.connect('amqp://rabbitmq')).createChannel();",
            "await channel.assertQueue('orders', { durable: true, deadLetterExchange: 'orders.dlx' });",
          ),
        }),
        ...service('mailer', {
          'listener.ts': lines(
            "import type { Channel, ConsumeMessage } from 'amqplib';",
            'export class Listener {',
            '  constructor(private readonly channel: Channel) {}',
            "  start() { return this.channel.consume('orders', (msg) => this.onMessage(msg)); }",
            '  private async onMessage(msg: ConsumeMessage | null) {',
            '    if (!msg) return;',
            '    try { await handle(msg.content); this.channel.ack(msg); }',
            '    catch { this.channel.nack(msg); }',
            '  }',
            '}',
            'declare function handle(body: Buffer): Promise<void>;',
          ),
        }),
      },
      errors: [{ file: 'services/mailer/src/listener.ts', line: 8, column: 13, related: ['services/orders/src/topology.ts:3'] }],
    },
    {
      name: 'amqp-connection-manager: a channel wrapper requeue',
      files: service('mailer', {
        'a.ts': lines(
          "import amqp from 'amqp-connection-manager';",
          "const wrapper = amqp.connect(['amqp://rabbitmq']).createChannel({ json: true });",
          "await wrapper.consume('jobs', async (msg) => {",
          '  try { await handle(msg); wrapper.ack(msg); }',
          '  catch { wrapper.nack(msg, false, true); }',
          '});',
          'declare function handle(msg: unknown): Promise<void>;',
        ),
      }),
      errors: [{ file: 'services/mailer/src/a.ts', line: 5, column: 11, message: 'back on `jobs` forever' }],
    },
    {
      name: 'kafkajs: errors escape eachMessage (no catch), and a catch that rethrows in eachBatch',
      files: service('mailer', {
        'a.ts': kafkaRun(['  eachMessage: async ({ message }) => {', "    await handle(JSON.parse(message.value?.toString() ?? ''));", '  },']),
        'b.ts': kafkaRun([
          '  async eachBatch({ batch }) {',
          '    for (const message of batch.messages) {',
          '      try { await handle(message.value); } catch (err) { console.error(err); throw err; }',
          '    }',
          '  },',
        ], ["const retry = { restartOnFailure: async () => true };", 'void retry;']),
      }),
      errors: [
        {
          file: 'services/mailer/src/a.ts',
          line: 5,
          column: 7,
          message: 'This consumer lets a handler error escape for `order.placed`: the failing message is retried on every restart, so one poison message holds its partition',
        },
        { file: 'services/mailer/src/b.ts', line: 7, column: 7 },
      ],
    },
    {
      name: 'SQS: a receive loop and an sqs-consumer on a queue created without maxReceiveCount',
      files: {
        ...service('ops', {
          'queues.ts': lines(
            "import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';",
            "export const create = (sqs: SQSClient) => sqs.send(new CreateQueueCommand({ QueueName: 'invoices', Attributes: { VisibilityTimeout: '30' } }));",
          ),
        }),
        ...service('billing', {
          'poll.ts': lines(
            "import { ReceiveMessageCommand, DeleteMessageCommand, SQSClient } from '@aws-sdk/client-sqs';",
            "const QueueUrl = 'https://sqs.eu-west-1.amazonaws.com/123456789012/invoices';",
            'const sqs = new SQSClient({});',
            'export async function poll() {',
            '  for (;;) {',
            '    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl }));',
            '    for (const m of Messages) {',
            '      try { await handle(m.Body); await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle })); }',
            '      catch (err) { console.error(err); }',
            '    }',
            '  }',
            '}',
            'declare function handle(body: string | undefined): Promise<void>;',
          ),
          'consumer.ts': lines(
            "import { Consumer } from 'sqs-consumer';",
            "export const consumer = Consumer.create({ queueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/invoices', handleMessage: async (m) => { await handle(m.Body); return m; } });",
            'declare function handle(body: string | undefined): Promise<void>;',
          ),
        }),
      },
      errors: [
        { file: 'services/billing/src/consumer.ts', line: 2, column: 25, message: 'A failing message stays on `invoices` to be delivered again', related: ['services/ops/src/queues.ts:2'] },
        { file: 'services/billing/src/poll.ts', line: 6, column: 37, message: 'set a `RedrivePolicy` with `maxReceiveCount` on the queue' },
      ],
    },
    {
      name: 'Pub/Sub nack on a subscription created without a dead-letter policy; JetStream nak with max_deliver -1',
      files: service('mailer', {
        'pubsub.ts': lines(
          "import { PubSub } from '@google-cloud/pubsub';",
          'const pubsub = new PubSub();',
          "const [subscription] = await pubsub.createSubscription('orders', 'orders-mailer');",
          "subscription.on('message', (message) => {",
          '  try { handle(message.data); message.ack(); }',
          '  catch { message.nack(); }',
          '});',
          'declare function handle(data: Buffer): void;',
        ),
        'nats.ts': lines(
          "import { connect } from 'nats';",
          "const nc = await connect({ servers: 'nats://nats:4222' });",
          "await (await nc.jetstreamManager()).consumers.add('ORDERS', { durable_name: 'mailer', max_deliver: -1 });",
          "const consumer = await nc.jetstream().consumers.get('ORDERS', 'mailer');",
          'for await (const m of await consumer.consume()) {',
          '  try { handle(m.data); m.ack(); } catch { m.nak(); }',
          '}',
          'declare function handle(data: Uint8Array): void;',
        ),
      }),
      errors: [
        { file: 'services/mailer/src/nats.ts', line: 6, column: 44, message: 'set `max_deliver` on the JetStream consumer' },
        { file: 'services/mailer/src/pubsub.ts', line: 6, column: 11, message: 'back on `orders-mailer` forever' },
      ],
    },
    {
      name: 'NestJS RMQ: a rethrow with noAck: false and no dead-letter exchange, and a requeue through the context channel',
      files: service('orders', {
        'main.ts': lines(
          "import { NestFactory } from '@nestjs/core';",
          "import { Transport } from '@nestjs/microservices';",
          "import { AppModule } from './app.module';",
          "await NestFactory.createMicroservice(AppModule, { transport: Transport.RMQ, options: { queue: 'orders_queue', noAck: false, queueOptions: { durable: true } } });",
        ),
        'listener.ts': nestListener(),
      }),
      errors: [
        { file: 'services/orders/src/listener.ts', line: 9, column: 39, message: 'A failing message stays on `orders_queue` to be delivered again', related: ['services/orders/src/main.ts:4'] },
        { file: 'services/orders/src/listener.ts', line: 13, column: 41, message: 'back on `orders_queue` forever' },
      ],
    },
  ],
});

/** A NestJS listener: a handler that rethrows (line 9) and one that nacks through the context's channel (line 13). */
function nestListener(): string {
  return lines(
    "import { Controller } from '@nestjs/common';",
    "import { Ctx, EventPattern, Payload, type RmqContext } from '@nestjs/microservices';",
    '@Controller()',
    'export class OrdersListener {',
    "  @EventPattern('order_created')",
    '  async onCreated(@Payload() data: unknown, @Ctx() context: RmqContext) {',
    '    const channel = context.getChannelRef();',
    '    try { await handle(data); channel.ack(context.getMessage()); }',
    '    catch (err) { console.error(err); throw err; }',
    '  }',
    "  @EventPattern('order_cancelled')",
    '  async onCancelled(@Payload() data: unknown, @Ctx() context: RmqContext) {',
    '    try { await handle(data); } catch { context.getChannelRef().nack(context.getMessage()); }',
    '  }',
    '}',
    'declare function handle(data: unknown): Promise<void>;',
  );
}

docExamples(rule);
