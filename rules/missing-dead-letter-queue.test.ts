import rule from './missing-dead-letter-queue.js';
import { docExamples } from './testing/doc-examples.js';
import { ruleTester, type Files } from './testing/rule-tester.js';

/** Files of one service (`services/<name>/src/<path>`), with its package.json. */
function service(name: string, files: Record<string, string>): Files {
  const out: Files = { [`services/${name}/package.json`]: JSON.stringify({ name: `@shop/${name}` }) };
  for (const [path, text] of Object.entries(files)) out[`services/${name}/src/${path}`] = text;
  return out;
}

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

const consumeLines = (queue: string) => [
  `  await channel.consume(${queue}, async (msg) => {`,
  '    if (!msg) return;',
  '    try { await handle(msg.content); channel.ack(msg); }',
  '    catch { channel.nack(msg, false, false); }',
  '  });',
];

ruleTester(rule, {
  valid: [
    {
      name: 'a consumed queue with a dead-letter exchange (option or argument), and its dead-letter queue',
      files: service('notifications', {
        'consumer.ts': lines(
          "import type { Channel } from 'amqplib';",
          "const QUEUE = 'notifications.payment-failed';",
          "const DLX = 'notifications.payment-failed.dlx';",
          'export async function consume(channel: Channel) {',
          "  await channel.assertExchange(DLX, 'fanout', { durable: true });",
          "  await channel.assertQueue('notifications.payment-failed.dlq', { durable: true });",
          "  await channel.bindQueue('notifications.payment-failed.dlq', DLX, '');",
          "  await channel.assertQueue(QUEUE, { durable: true, deadLetterExchange: DLX, arguments: { 'x-queue-type': 'quorum', 'x-delivery-limit': 5 } });",
          "  await channel.assertQueue('audit', { arguments: { 'x-dead-letter-exchange': 'audit.dlx' } });",
          ...consumeLines('QUEUE'),
          "  await channel.consume('audit', (msg) => { if (msg) channel.ack(msg); });",
          '}',
          'declare function handle(body: Buffer): Promise<void>;',
        ),
      }),
    },
    {
      name: 'a dead-letter queue by reference: bound to another queue\'s dead-letter exchange, whatever its name',
      files: service('notifications', {
        'consumer.ts': lines(
          "import type { Channel } from 'amqplib';",
          'export async function consume(channel: Channel) {',
          "  await channel.assertQueue('orders', { deadLetterExchange: 'orders.failed' });",
          "  await channel.assertQueue('orders.hospital', { durable: true });",
          "  await channel.bindQueue('orders.hospital', 'orders.failed', '#');",
          "  await channel.consume('orders.hospital', (msg) => { if (msg) console.log(msg.content.toString()); });",
          '}',
        ),
      }),
    },
    {
      name: 'queues nothing in the workspace consumes, and temporary queues',
      files: service('orders', {
        'publisher.ts': lines(
          "import * as amqp from 'amqplib';",
          "const channel = await (await amqp.connect('amqp://rabbitmq')).createChannel();",
          "await channel.assertQueue('reports', { durable: true });",
          "const { queue } = await channel.assertQueue('', { exclusive: true });",
          "await channel.consume(queue, (msg) => { if (msg) channel.ack(msg); });",
          "await channel.assertQueue('replies', { autoDelete: true });",
          "await channel.consume('replies', (msg) => { if (msg) channel.ack(msg); });",
        ),
      }),
    },
    {
      name: 'SQS and Pub/Sub declarations with their dead-letter settings, Service Bus queues',
      files: service('billing', {
        'queues.ts': lines(
          "import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';",
          "import { PubSub } from '@google-cloud/pubsub';",
          "import { ServiceBusAdministrationClient } from '@azure/service-bus';",
          'const sqs = new SQSClient({});',
          "await sqs.send(new CreateQueueCommand({ QueueName: 'invoices', Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: process.env.DLQ_ARN, maxReceiveCount: 5 }) } }));",
          "await sqs.send(new CreateQueueCommand({ QueueName: 'invoices-dlq' }));",
          'const pubsub = new PubSub();',
          "await pubsub.createSubscription('invoices', 'invoices-mailer', { deadLetterPolicy: { deadLetterTopic: pubsub.topic('invoices-dlq').name } });",
          "await new ServiceBusAdministrationClient(process.env.SB!).createQueue('invoices');",
        ),
      }),
    },
    {
      name: 'BullMQ keeping failed jobs (by age or count), and removeOnFail on something that is not a queue',
      files: service('notifications', {
        'email.ts': lines(
          "import { Queue, Worker } from 'bullmq';",
          "export const emails = new Queue('emails', { connection: {}, defaultJobOptions: { removeOnFail: 1000 } });",
          "await emails.add('welcome', {}, { attempts: 5, removeOnFail: { age: 7 * 24 * 3600 } });",
          "new Worker('emails', async () => {}, { connection: {}, removeOnFail: { count: 100 } });",
        ),
        'other.ts': lines("import { cache } from './cache';", "cache.add('k', 'v', { removeOnFail: true });"),
        'cache.ts': lines('export const cache = { add: (k: string, v: string, o: object) => [k, v, o] };'),
      }),
    },
    {
      name: 'an ack in the error path after publishing the message to a parking queue (directly or through a helper)',
      files: service('notifications', {
        'consumer.ts': lines(
          "import type { Channel, ConsumeMessage } from 'amqplib';",
          'export async function consume(channel: Channel) {',
          "  await channel.consume('orders', async (msg) => {",
          '    if (!msg) return;',
          '    try { await handle(msg.content); channel.ack(msg); }',
          "    catch { channel.sendToQueue('orders.parking', msg.content); channel.ack(msg); }",
          '  });',
          "  await channel.consume('payments', async (msg) => {",
          '    if (!msg) return;',
          '    try { await handle(msg.content); channel.ack(msg); }',
          '    catch { park(channel, msg); channel.ack(msg); }',
          '  });',
          '}',
          "function park(channel: Channel, msg: ConsumeMessage) { channel.publish('parking', msg.fields.routingKey, msg.content); }",
          'declare function handle(body: Buffer): Promise<void>;',
        ),
      }),
    },
  ],
  invalid: [
    {
      name: 'amqplib: a consumed queue without a dead-letter exchange (the fix adds one named after the queue)',
      files: service('notifications', {
        'consumer.ts': lines(
          "import type { Channel } from 'amqplib';",
          "const QUEUE = 'notifications.order-placed';",
          'export async function consume(channel: Channel) {',
          '  await channel.assertQueue(QUEUE, { durable: true });',
          ...consumeLines('QUEUE'),
          '}',
          'declare function handle(body: Buffer): Promise<void>;',
        ),
      }),
      errors: [
        {
          file: 'services/notifications/src/consumer.ts',
          line: 4,
          column: 9,
          message:
            '`notifications.order-placed` has no dead-letter queue: a message that finally fails is dropped (or redelivered forever) instead of landing where a person can inspect and replay it. Set `deadLetterExchange`',
        },
      ],
      output: {
        'services/notifications/src/consumer.ts': lines(
          "import type { Channel } from 'amqplib';",
          "const QUEUE = 'notifications.order-placed';",
          'export async function consume(channel: Channel) {',
          "  await channel.assertQueue(QUEUE, { durable: true, deadLetterExchange: 'notifications.order-placed.dlx' });",
          ...consumeLines('QUEUE'),
          '}',
          'declare function handle(body: Buffer): Promise<void>;',
        ),
      },
    },
    {
      name: 'amqplib: every declaration of a queue consumed in another service, the publisher\'s mirror included',
      files: {
        ...service('orders', {
          'publisher.ts': lines(
            "import * as amqp from 'amqplib';",
            "const channel = await (await amqp.connect('amqp://rabbitmq')).createChannel();",
            "await channel.assertQueue('emails');",
            "channel.sendToQueue('emails', Buffer.from('{}'));",
          ),
        }),
        ...service('mailer', {
          'consumer.ts': lines(
            "import type { Channel } from 'amqplib';",
            'export async function consume(channel: Channel) {',
            "  await channel.assertQueue('emails', {",
            '    durable: true,',
            '  });',
            ...consumeLines("'emails'"),
            '}',
            'declare function handle(body: Buffer): Promise<void>;',
          ),
        }),
      },
      errors: [
        { file: 'services/mailer/src/consumer.ts', line: 3, column: 9, message: '`emails` has no dead-letter queue' },
        { file: 'services/orders/src/publisher.ts', line: 3, column: 7, message: '`emails` has no dead-letter queue' },
      ],
      output: {
        'services/orders/src/publisher.ts': lines(
          "import * as amqp from 'amqplib';",
          "const channel = await (await amqp.connect('amqp://rabbitmq')).createChannel();",
          "await channel.assertQueue('emails', { deadLetterExchange: 'emails.dlx' });",
          "channel.sendToQueue('emails', Buffer.from('{}'));",
        ),
        'services/mailer/src/consumer.ts': lines(
          "import type { Channel } from 'amqplib';",
          'export async function consume(channel: Channel) {',
          "  await channel.assertQueue('emails', {",
          '    durable: true,',
          "    deadLetterExchange: 'emails.dlx',",
          '  });',
          ...consumeLines("'emails'"),
          '}',
          'declare function handle(body: Buffer): Promise<void>;',
        ),
      },
    },
    {
      name: 'NestJS RMQ: queueOptions without a dead-letter exchange, and a transport with no queueOptions at all',
      files: service('orders', {
        'main.ts': lines(
          "import { NestFactory } from '@nestjs/core';",
          "import { Transport } from '@nestjs/microservices';",
          "import { AppModule } from './app.module';",
          'const app = await NestFactory.create(AppModule);',
          "app.connectMicroservice({ transport: Transport.RMQ, options: { queue: 'orders_queue', noAck: false, queueOptions: { durable: true } } });",
          "app.connectMicroservice({ transport: Transport.RMQ, options: { queue: 'audit_queue' } });",
        ),
      }),
      errors: [
        { file: 'services/orders/src/main.ts', line: 5, column: 101, message: 'Set `queueOptions.deadLetterExchange`' },
        { file: 'services/orders/src/main.ts', line: 6, column: 64 },
      ],
      output: {
        'services/orders/src/main.ts': lines(
          "import { NestFactory } from '@nestjs/core';",
          "import { Transport } from '@nestjs/microservices';",
          "import { AppModule } from './app.module';",
          'const app = await NestFactory.create(AppModule);',
          "app.connectMicroservice({ transport: Transport.RMQ, options: { queue: 'orders_queue', noAck: false, queueOptions: { durable: true, deadLetterExchange: 'orders_queue.dlx' } } });",
          "app.connectMicroservice({ transport: Transport.RMQ, options: { queue: 'audit_queue', queueOptions: { deadLetterExchange: 'audit_queue.dlx' } } });",
        ),
      },
    },
    {
      name: 'SQS CreateQueueCommand without RedrivePolicy, and Pub/Sub createSubscription without deadLetterPolicy',
      files: service('billing', {
        'queues.ts': lines(
          "import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';",
          "import { PubSub } from '@google-cloud/pubsub';",
          'const sqs = new SQSClient({});',
          "await sqs.send(new CreateQueueCommand({ QueueName: 'invoices' }));",
          'const pubsub = new PubSub();',
          "await pubsub.createSubscription('invoices', 'invoices-mailer');",
        ),
      }),
      errors: [
        { file: 'services/billing/src/queues.ts', line: 4, column: 16, message: '`invoices` has no dead-letter queue' },
        { file: 'services/billing/src/queues.ts', line: 6, column: 7, message: 'Set `deadLetterPolicy`' },
      ],
      output: {
        'services/billing/src/queues.ts': lines(
          "import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';",
          "import { PubSub } from '@google-cloud/pubsub';",
          'const sqs = new SQSClient({});',
          "await sqs.send(new CreateQueueCommand({ QueueName: 'invoices', Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:REGION:ACCOUNT_ID:invoices-dlq', maxReceiveCount: 5 }) } }));",
          'const pubsub = new PubSub();',
          "await pubsub.createSubscription('invoices', 'invoices-mailer', { deadLetterPolicy: { deadLetterTopic: pubsub.topic('invoices-mailer-dlq').name, maxDeliveryAttempts: 5 } });",
        ),
      },
    },
    {
      name: 'BullMQ removeOnFail: true on a job of an imported queue, and in a worker and queue defaults',
      files: service('notifications', {
        'email.ts': lines(
          "import { Queue, Worker } from 'bullmq';",
          "export const emailQueue = new Queue('emails', { connection: {}, defaultJobOptions: { removeOnFail: 0 } });",
          "new Worker('emails', async () => {}, { connection: {}, removeOnFail: { count: 0 } });",
        ),
        'consumer.ts': lines(
          "import { emailQueue } from './email';",
          "export const notify = (to: string) => emailQueue.add('order-confirmation', { to }, { attempts: 5, removeOnFail: true });",
        ),
      }),
      errors: [
        {
          file: 'services/notifications/src/consumer.ts',
          line: 2,
          column: 99,
          message: '`removeOnFail: true` deletes this job once it has failed its last attempt: the failure vanishes instead of staying in the failed set, where a person can inspect and retry it.',
        },
        { file: 'services/notifications/src/email.ts', line: 2, column: 86, message: '`removeOnFail: 0` deletes every job of `emails`' },
        { file: 'services/notifications/src/email.ts', line: 3, column: 56 },
      ],
      output: {
        'services/notifications/src/consumer.ts': lines(
          "import { emailQueue } from './email';",
          "export const notify = (to: string) => emailQueue.add('order-confirmation', { to }, { attempts: 5, removeOnFail: { age: 7 * 24 * 3600 } });",
        ),
        'services/notifications/src/email.ts': lines(
          "import { Queue, Worker } from 'bullmq';",
          "export const emailQueue = new Queue('emails', { connection: {}, defaultJobOptions: { removeOnFail: { age: 7 * 24 * 3600 } } });",
          "new Worker('emails', async () => {}, { connection: {}, removeOnFail: { age: 7 * 24 * 3600 } });",
        ),
      },
    },
    {
      name: 'consumers that acknowledge or delete in their error path without publishing',
      files: service('notifications', {
        'amqp.ts': lines(
          "import type { Channel } from 'amqplib';",
          "const QUEUE = 'orders';",
          'export async function consume(channel: Channel) {',
          "  await channel.assertQueue(QUEUE, { deadLetterExchange: 'orders.dlx' });",
          '  await channel.consume(QUEUE, async (msg) => {',
          '    if (!msg) return;',
          '    try { await handle(msg.content); channel.ack(msg); }',
          '    catch (err) { console.error(err); channel.ack(msg); }',
          '  });',
          '}',
          'declare function handle(body: Buffer): Promise<void>;',
        ),
        'sqs.ts': lines(
          "import { ReceiveMessageCommand, DeleteMessageCommand, SQSClient } from '@aws-sdk/client-sqs';",
          'const sqs = new SQSClient({});',
          'export async function poll(QueueUrl: string) {',
          '  for (;;) {',
          '    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl }));',
          '    for (const m of Messages) {',
          '      try { await handle(m.Body); }',
          '      finally { await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle })); }',
          '    }',
          '  }',
          '}',
          'declare function handle(body: string | undefined): Promise<void>;',
        ),
      }),
      errors: [
        {
          file: 'services/notifications/src/amqp.ts',
          line: 8,
          column: 39,
          message: 'This consumer acknowledges the message in its error path without publishing it anywhere: a message that fails is gone, with nothing left to inspect or replay.',
        },
        { file: 'services/notifications/src/sqs.ts', line: 8, column: 23 },
      ],
    },
  ],
});

docExamples(rule);
