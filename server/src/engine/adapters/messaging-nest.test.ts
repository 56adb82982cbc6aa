import { describe, expect, it } from 'vitest';
import { bindingsOf, consumersOf, declarationsOf } from './messaging-testing.js';

const lines = (...text: string[]): string => text.join('\n');

describe('NestJS RMQ transports', () => {
  it('reads the server transport queue, its noAck and queueOptions, from createMicroservice and connectMicroservice', () => {
    const text = lines(
      "import { NestFactory } from '@nestjs/core';",
      "import { Transport, type MicroserviceOptions } from '@nestjs/microservices';",
      "import { AppModule } from './app.module';",
      'const app = await NestFactory.createMicroservice<MicroserviceOptions>(AppModule, {',
      '  transport: Transport.RMQ,',
      "  options: { urls: [process.env.RABBITMQ_URL!], queue: 'orders_queue', noAck: false, queueOptions: { durable: true } },",
      '});',
      'const http = await NestFactory.create(AppModule);',
      'http.connectMicroservice({',
      '  transport: Transport.RMQ,',
      "  options: { queue: 'billing_queue', queueOptions: { durable: true, deadLetterExchange: 'billing.dlx', arguments: { 'x-delivery-limit': 10 } } },",
      '});',
      'http.connectMicroservice({ transport: Transport.KAFKA, options: { client: { brokers: [] } } });',
      'await app.listen();',
    );
    expect(declarationsOf(text)).toEqual([
      {
        library: '@nestjs/microservices',
        at: 'queueOptions: { durable: true }',
        name: "'orders_queue'",
        deadLetter: 'absent',
        limit: 'absent',
        transport: 'server',
        ack: 'manual',
        slot: "deadLetterExchange: '{dlq}' in { durable: true }",
      },
      {
        library: '@nestjs/microservices',
        at: expect.stringContaining('queueOptions: { durable: true, deadLetterExchange') as string,
        name: "'billing_queue'",
        deadLetter: "set 'billing.dlx'",
        limit: 'set x-delivery-limit=10',
        transport: 'server',
        ack: 'auto',
        slot: expect.any(String) as string,
      },
    ]);
  });

  it('reads client-side mirrors from ClientsModule.register and ClientProxyFactory.create, and exchange bindings', () => {
    const text = lines(
      "import { ClientsModule, ClientProxyFactory, Transport } from '@nestjs/microservices';",
      'export const clients = ClientsModule.register([',
      "  { name: 'ORDERS', transport: Transport.RMQ, options: { urls: ['amqp://rabbitmq'], queue: 'orders_queue' } },",
      "  { name: 'AUDIT', transport: Transport.TCP },",
      ']);',
      "export const proxy = ClientProxyFactory.create({ transport: Transport.RMQ, options: { queue: 'events', exchange: 'shop', routingKey: 'orders.*' } });",
    );
    expect(declarationsOf(text).map(({ at, transport, judgedWhenConsumed, slot }) => ({ at, transport, judgedWhenConsumed, slot }))).toEqual([
      { at: "queue: 'orders_queue'", transport: 'client', judgedWhenConsumed: true, slot: "queueOptions: { deadLetterExchange: '{dlq}' } in { urls: ['amqp://rabbitmq'], queue: 'orders_queue' }" },
      { at: "queue: 'events'", transport: 'client', judgedWhenConsumed: true, slot: expect.stringContaining('queueOptions') as string },
    ]);
    expect(bindingsOf(text)).toEqual(["'events' <- 'shop' 'orders.*'"]);
  });
});

describe('NestJS @EventPattern handlers', () => {
  it('finds requeues through the context channel, rethrows and drops', () => {
    const text = lines(
      "import { Controller } from '@nestjs/common';",
      "import { Ctx, EventPattern, Payload, RmqContext } from '@nestjs/microservices';",
      '@Controller()',
      'export class OrdersListener {',
      "  @EventPattern('order_created')",
      '  async onCreated(@Payload() data: unknown, @Ctx() context: RmqContext) {',
      '    const channel = context.getChannelRef();',
      '    const message = context.getMessage();',
      '    try { await this.handle(data); channel.ack(message); }',
      '    catch { channel.nack(message); }',
      '  }',
      "  @EventPattern('order_cancelled')",
      '  async onCancelled(@Payload() data: unknown, @Ctx() context: RmqContext) {',
      '    try { await this.handle(data); }',
      '    catch (err) { context.getChannelRef().ack(context.getMessage()); throw err; }',
      '  }',
      "  @EventPattern('order_shipped')",
      '  async onShipped(@Payload() data: unknown, @Ctx() context: RmqContext) {',
      "    const deaths = context.getMessage().properties.headers?.['x-death'] ?? [];",
      '    if (deaths.length < 3) context.getChannelRef().nack(context.getMessage(), false, false);',
      '  }',
      '  private async handle(data: unknown) { return data; }',
      '}',
    );
    expect(consumersOf(text)).toEqual([
      { library: '@nestjs/microservices', at: "@EventPattern('order_created')", sources: [], ack: 'transport', transport: true, requeues: ['channel.nack(message)'] },
      {
        library: '@nestjs/microservices',
        at: "@EventPattern('order_cancelled')",
        sources: [],
        ack: 'transport',
        transport: true,
        failures: ['throw err;'],
        redelivery: 'until-dead-lettered',
        drops: ['context.getChannelRef().ack(context.getMessage())'],
      },
      { library: '@nestjs/microservices', at: "@EventPattern('order_shipped')", sources: [], ack: 'transport', transport: true, counted: true },
    ]);
  });

  it('ignores methods without @EventPattern and decorators from elsewhere', () => {
    const text = lines(
      "import { EventPattern } from './decorators';",
      'export class Listener {',
      "  @EventPattern('x') async on(data: unknown) { try { return data; } catch (e) { throw e; } }",
      '  async plain() { throw new Error(); }',
      '}',
    );
    expect(consumersOf(text)).toEqual([]);
  });
});
