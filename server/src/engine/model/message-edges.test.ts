// Message edges: producer service → consumer service, through queues, topics, exchange bindings, subscriptions and
// NestJS event patterns; on the example system and on small workspaces.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { analyze } from '../analyze.js';
import { createTempWorkspace, removeTempWorkspaces } from '../workspace/temp-workspace.js';
import { bareName, routingKeyMatches } from './message-names.js';
import type { SystemModel } from './types.js';

const SHOP = join(__dirname, '..', '..', '..', '..', 'test-fixtures', 'shop');

afterEach(removeTempWorkspaces);

function asyncEdges(model: SystemModel): string[] {
  return model
    .serviceGraph()
    .edges.filter((edge) => edge.kind === 'async')
    .map((edge) => `${edge.from} -> ${edge.to} ${edge.label} @ ${edge.sites.map((site) => `${model.file(site.file)!.relativePath}:${model.file(site.file)!.lines.positionAt(site.start).line + 1}`).join(', ')}`)
    .sort();
}

async function modelOf(files: Record<string, string>): Promise<SystemModel> {
  return (await analyze({ paths: [createTempWorkspace(files)], onlyRules: [] })).model;
}

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

describe('message edges', () => {
  it('joins the example system: orders and payments publish to exchanges that notifications binds its queues to', async () => {
    const model = (await analyze({ paths: [SHOP], onlyRules: [] })).model;
    expect(asyncEdges(model)).toEqual([
      'orders -> notifications order.placed @ services/orders/src/messaging/order-events.publisher.ts:30',
      'payments -> notifications payment.failed @ services/payments/src/messaging.ts:21',
    ]);
    // Messages never make a synchronous cycle or chain.
    expect(model.serviceGraph().cycles.map((c) => c.services)).toEqual([['orders', 'payments']]);
  });

  it('routes exchange publishes by routing key through topic bindings', async () => {
    const model = await modelOf({
      'services/orders/src/publisher.ts': lines(
        "import * as amqp from 'amqplib';",
        "const channel = await (await amqp.connect('amqp://rabbitmq')).createChannel();",
        "channel.publish('orders', 'order.placed.eu', Buffer.from('{}'));",
        "channel.publish('orders', 'order.cancelled', Buffer.from('{}'));",
      ),
      'services/mailer/src/consumer.ts': lines(
        "import * as amqp from 'amqplib';",
        "const channel = await (await amqp.connect('amqp://rabbitmq')).createChannel();",
        "await channel.bindQueue('mailer.placed', 'orders', 'order.placed.*');",
        "await channel.consume('mailer.placed', (msg) => { if (msg) channel.ack(msg); });",
      ),
      'services/audit/src/consumer.ts': lines(
        "import * as amqp from 'amqplib';",
        "const channel = await (await amqp.connect('amqp://rabbitmq')).createChannel();",
        "await channel.bindQueue('audit', 'orders', '#');",
        "await channel.consume('audit', (msg) => { if (msg) channel.ack(msg); });",
      ),
    });
    expect(asyncEdges(model)).toEqual([
      'orders -> audit order.cancelled @ services/orders/src/publisher.ts:4',
      'orders -> audit order.placed.eu @ services/orders/src/publisher.ts:3',
      'orders -> mailer order.placed.eu @ services/orders/src/publisher.ts:3',
    ]);
  });

  it('joins queues, topics and job queues by name: sendToQueue/consume, kafkajs topics, BullMQ add/Worker', async () => {
    const model = await modelOf({
      'services/orders/src/send.ts': lines(
        "import * as amqp from 'amqplib';",
        "import { Kafka } from 'kafkajs';",
        "import { Queue } from 'bullmq';",
        "const channel = await (await amqp.connect('amqp://rabbitmq')).createChannel();",
        "channel.sendToQueue('invoices', Buffer.from('{}'));",
        "const producer = new Kafka({ brokers: ['kafka:9092'] }).producer();",
        "await producer.send({ topic: 'order.placed', messages: [] });",
        "await new Queue('emails', { connection: {} }).add('welcome', {});",
      ),
      'services/billing/src/consume.ts': lines(
        "import * as amqp from 'amqplib';",
        "const channel = await (await amqp.connect('amqp://rabbitmq')).createChannel();",
        "await channel.consume('invoices', (msg) => { if (msg) channel.ack(msg); });",
      ),
      'services/analytics/src/consume.ts': lines(
        "import { Kafka } from 'kafkajs';",
        "const consumer = new Kafka({ brokers: ['kafka:9092'] }).consumer({ groupId: 'analytics' });",
        "await consumer.subscribe({ topics: ['order.placed'] });",
        'await consumer.run({ eachMessage: async () => {} });',
      ),
      'services/mailer/src/worker.ts': lines("import { Worker } from 'bullmq';", "new Worker('emails', async () => {}, { connection: {} });"),
    });
    expect(asyncEdges(model)).toEqual([
      'orders -> analytics order.placed @ services/orders/src/send.ts:7',
      'orders -> billing invoices @ services/orders/src/send.ts:5',
      'orders -> mailer emails @ services/orders/src/send.ts:8',
    ]);
  });

  it('joins NestJS emit to @EventPattern handlers, Pub/Sub topics to their subscriptions, and SQS queue URLs', async () => {
    const model = await modelOf({
      'services/orders/src/events.ts': lines(
        "import { Inject } from '@nestjs/common';",
        "import { ClientProxy } from '@nestjs/microservices';",
        "import { PubSub } from '@google-cloud/pubsub';",
        "import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';",
        'export class OrderEvents {',
        "  constructor(@Inject('EVENTS') private readonly client: ClientProxy) {}",
        "  placed() { return this.client.emit('order_placed', {}); }",
        '}',
        "await new PubSub().topic('orders').publishMessage({ json: {} });",
        "await new SQSClient({}).send(new SendMessageCommand({ QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/1/invoices', MessageBody: '{}' }));",
      ),
      'services/mailer/src/listener.ts': lines(
        "import { Controller } from '@nestjs/common';",
        "import { EventPattern } from '@nestjs/microservices';",
        '@Controller()',
        "export class Listener { @EventPattern('order_placed') onPlaced() {} }",
      ),
      'services/audit/src/subscriber.ts': lines(
        "import { PubSub } from '@google-cloud/pubsub';",
        'const pubsub = new PubSub();',
        "const [subscription] = await pubsub.createSubscription('orders', 'orders-audit');",
        "subscription.on('message', (m) => m.ack());",
      ),
      'services/billing/src/poll.ts': lines(
        "import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';",
        "await new SQSClient({}).send(new ReceiveMessageCommand({ QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/1/invoices' }));",
      ),
    });
    expect(asyncEdges(model)).toEqual([
      'orders -> audit orders @ services/orders/src/events.ts:9',
      'orders -> billing invoices @ services/orders/src/events.ts:10',
      'orders -> mailer order_placed @ services/orders/src/events.ts:7',
    ]);
  });
});

describe('message edges through producer wrappers and named topics', () => {
  // A shape real Nest/Kafka systems have: topics in a string enum of a shared library, sends through a producer service
  // of another shared library whose `topic` parameter each caller fills, consumers decorated with the enum member.
  const system = (callerTopic: string) => ({
    'package.json': JSON.stringify({ workspaces: ['libs/*', 'services/*'] }),
    'libs/topics/package.json': JSON.stringify({ name: '@acme/topics', main: 'dist/index.js' }),
    'libs/topics/src/index.ts': lines(
      'export enum Topics {',
      "  BuildRequested = 'build.requested.1',",
      "  BuildFinished = 'build.finished.1',",
      '}',
      "export class LegacyTopics { static readonly AUDIT = 'audit.log.1'; }",
    ),
    'libs/kafka/package.json': JSON.stringify({ name: '@acme/kafka', main: 'dist/index.js' }),
    'libs/kafka/src/index.ts': "export * from './producer.service';\n",
    'libs/kafka/src/producer.service.ts': lines(
      "import { Inject, Injectable } from '@nestjs/common';",
      "import { ClientKafka } from '@nestjs/microservices';",
      '@Injectable()',
      'export class ProducerService {',
      "  constructor(@Inject('KAFKA') private readonly client: ClientKafka) {}",
      '  async emitMessage(topic: string, value: unknown): Promise<void> {',
      '    return new Promise((resolve, reject) => {',
      '      this.client.emit(topic, { value }).subscribe({ next: () => resolve(), error: reject });',
      '    });',
      '  }',
      '}',
    ),
    'services/server/package.json': JSON.stringify({ name: 'server' }),
    'services/server/src/main.ts': "import { NestFactory } from '@nestjs/core';\nawait NestFactory.create({} as never);\n",
    'services/server/src/core/build/build.service.ts': lines(
      "import { Injectable } from '@nestjs/common';",
      "import { ProducerService } from '@acme/kafka';",
      "import { LegacyTopics, Topics } from '@acme/topics';",
      '@Injectable()',
      'export class BuildService {',
      '  constructor(private readonly producer: ProducerService) {}',
      `  async build() { await this.producer.emitMessage(${callerTopic}, { id: 1 }); }`,
      '  async audit() { await this.producer.emitMessage(LegacyTopics.AUDIT, {}); }',
      '}',
    ),
    'services/builder/package.json': JSON.stringify({ name: 'builder' }),
    'services/builder/src/main.ts': "import { NestFactory } from '@nestjs/core';\nawait NestFactory.createMicroservice({} as never);\n",
    'services/builder/src/build.controller.ts': lines(
      "import { Controller } from '@nestjs/common';",
      "import { EventPattern, Payload } from '@nestjs/microservices';",
      "import { Topics } from '@acme/topics';",
      '@Controller()',
      'export class BuildController {',
      '  @EventPattern(Topics.BuildRequested)',
      '  onBuildRequested(@Payload() message: { id: number }) {}',
      "  @EventPattern('audit.log.1')",
      '  onAudit() {}',
      '}',
    ),
  });

  it("links each caller of a library's producer wrapper to the consumers of the topic it passes (enum and static members)", async () => {
    const model = await modelOf(system('Topics.BuildRequested'));
    // The build/ folder is source code here, not build output.
    expect(asyncEdges(model)).toEqual([
      'server -> builder audit.log.1 @ services/server/src/core/build/build.service.ts:8',
      'server -> builder build.requested.1 @ services/server/src/core/build/build.service.ts:7',
    ]);
  });

  it('delivers an emitted event to a @MessagePattern handler too (Kafka consumers use both), not to another pattern', async () => {
    const model = await modelOf({
      'services/auth/src/auth.service.ts': lines(
        "import { Inject } from '@nestjs/common';",
        "import { ClientKafka } from '@nestjs/microservices';",
        'export class AuthService {',
        "  constructor(@Inject('KAFKA') private readonly kafka: ClientKafka) {}",
        "  register() { this.kafka.emit('user.created', { id: 1 }); }",
        '}',
      ),
      'services/wallet/src/wallet.controller.ts': lines(
        "import { Controller } from '@nestjs/common';",
        "import { MessagePattern } from '@nestjs/microservices';",
        '@Controller()',
        "export class WalletController { @MessagePattern('user.created') onUser() {} @MessagePattern('user.deleted') onGone() {} }",
      ),
    });
    expect(asyncEdges(model)).toEqual(['auth -> wallet user.created @ services/auth/src/auth.service.ts:5']);
  });

  it('draws no edge for a topic nobody consumes', async () => {
    const model = await modelOf(system('Topics.BuildFinished'));
    expect(asyncEdges(model)).toEqual(['server -> builder audit.log.1 @ services/server/src/core/build/build.service.ts:8']);
  });
});

describe('message edges of base classes that services extend', () => {
  // Publisher and listener base classes in a shared library send to and read from `this.subject`; each service's
  // subclass says which subject that is (NATS Streaming here; the shape is the same for any broker).
  const common = {
    'package.json': JSON.stringify({ name: 'ticketing' }),
    'common/package.json': JSON.stringify({ name: '@acme/common', main: './build/index.js' }),
    'common/src/index.ts': "export * from './subjects';\nexport * from './base-publisher';\nexport * from './base-listener';\n",
    'common/src/subjects.ts': "export enum Subjects {\n  TicketCreated = 'ticket:created',\n  OrderCreated = 'order:created',\n}\n",
    'common/src/base-publisher.ts': lines(
      "import { Stan } from 'node-nats-streaming';",
      'export abstract class Publisher {',
      '  abstract subject: string;',
      '  constructor(protected client: Stan) {}',
      '  publish(data: unknown): Promise<void> {',
      '    return new Promise((resolve) => this.client.publish(this.subject, JSON.stringify(data), () => resolve()));',
      '  }',
      '}',
    ),
    'common/src/base-listener.ts': lines(
      "import { Message, Stan } from 'node-nats-streaming';",
      'export abstract class Listener {',
      '  abstract subject: string;',
      '  abstract queueGroupName: string;',
      '  constructor(protected client: Stan) {}',
      '  listen() {',
      '    const subscription = this.client.subscribe(this.subject, this.queueGroupName);',
      "    subscription.on('message', (msg: Message) => msg.ack());",
      '  }',
      '}',
    ),
    'tickets/package.json': JSON.stringify({ name: 'tickets' }),
    'tickets/Dockerfile': 'FROM node:20\n',
    'tickets/src/publishers.ts': lines(
      "import { Publisher, Subjects } from '@acme/common';",
      'export class TicketCreatedPublisher extends Publisher {',
      '  subject = Subjects.TicketCreated;',
      '}',
      'export class OrderCreatedEchoPublisher extends Publisher {',
      '  subject = Subjects.OrderCreated;',
      '}',
    ),
    'orders/package.json': JSON.stringify({ name: 'orders' }),
    'orders/Dockerfile': 'FROM node:20\n',
    'orders/src/listeners.ts': lines(
      "import { Listener, Subjects } from '@acme/common';",
      'export class TicketCreatedListener extends Listener {',
      '  subject: Subjects.TicketCreated = Subjects.TicketCreated;',
      "  queueGroupName = 'orders-service';",
      '}',
    ),
  };

  it("sends and reads under each subclass's subject, from and to the subclass's service; a subject nobody reads is no edge", async () => {
    const model = await modelOf(common);
    expect(asyncEdges(model)).toEqual(['tickets -> orders ticket:created @ tickets/src/publishers.ts:3']);
  });
});

describe('message names', () => {
  it('reduces queue URLs, ARNs and resource paths to the bare name', () => {
    expect(bareName('https://sqs.eu-west-1.amazonaws.com/123/orders')).toBe('orders');
    expect(bareName('arn:aws:sqs:eu-west-1:123:orders-dlq')).toBe('orders-dlq');
    expect(bareName('projects/shop/topics/orders')).toBe('orders');
    expect(bareName('notifications.order-placed')).toBe('notifications.order-placed');
  });

  it('matches routing keys with AMQP topic semantics', () => {
    expect(routingKeyMatches('order.*', 'order.placed')).toBe(true);
    expect(routingKeyMatches('order.*', 'order.placed.eu')).toBe(false);
    expect(routingKeyMatches('order.#', 'order')).toBe(true);
    expect(routingKeyMatches('#.eu', 'order.placed.eu')).toBe(true);
    expect(routingKeyMatches('order.placed', 'order.placed')).toBe(true);
    expect(routingKeyMatches('order.placed', 'order.cancelled')).toBe(false);
    expect(routingKeyMatches('', 'anything')).toBe(true);
    expect(routingKeyMatches('#.#.#.#.#.#.#.#.#.#.x', 'a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p')).toBe(false);
  });
});
