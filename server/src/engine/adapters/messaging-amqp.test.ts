import { describe, expect, it } from 'vitest';
import { factsOf, slice } from '../facts/testing.js';
import { bindingsOf, consumersOf, declarationsOf } from './messaging-testing.js';

const lines = (...text: string[]): string => text.join('\n');

describe('amqplib queue declarations', () => {
  it('reads the dead-letter exchange, the quorum delivery limit and where a fix adds the exchange', () => {
    const text = lines(
      "import type { Channel } from 'amqplib';",
      "const DLX = 'payments.dlx';",
      'export async function setup(channel: Channel) {',
      "  await channel.assertQueue('orders', { durable: true });",
      "  await channel.assertQueue('payments', { durable: true, deadLetterExchange: DLX, arguments: { 'x-queue-type': 'quorum', 'x-delivery-limit': 5 } });",
      "  await channel.assertQueue('refunds', { arguments: { 'x-dead-letter-exchange': 'refunds.dlx', 'x-delivery-limit': -1 } });",
      "  await channel.assertQueue('audit');",
      '}',
    );
    expect(declarationsOf(text)).toEqual([
      { library: 'amqplib', at: "channel.assertQueue('orders', { durable: true })", name: "'orders'", deadLetter: 'absent', limit: 'absent', judgedWhenConsumed: true, slot: "deadLetterExchange: '{dlq}' in { durable: true }" },
      {
        library: 'amqplib',
        at: expect.stringContaining("channel.assertQueue('payments'") as string,
        name: "'payments'",
        deadLetter: 'set DLX',
        limit: 'set x-delivery-limit=5',
        judgedWhenConsumed: true,
        slot: expect.stringContaining('deadLetterExchange') as string,
      },
      {
        library: 'amqplib',
        at: expect.stringContaining("channel.assertQueue('refunds'") as string,
        name: "'refunds'",
        deadLetter: "set 'refunds.dlx'",
        limit: 'unlimited x-delivery-limit=-1',
        judgedWhenConsumed: true,
        slot: expect.stringContaining('deadLetterExchange') as string,
      },
      { library: 'amqplib', at: "channel.assertQueue('audit')", name: "'audit'", deadLetter: 'absent', limit: 'absent', judgedWhenConsumed: true, slot: "deadLetterExchange: '{dlq}' as argument 1" },
    ]);
  });

  it('takes exclusive, auto-delete and server-named queues as temporary, and options it cannot read as unknown', () => {
    const text = lines(
      "import * as amqp from 'amqplib';",
      'export async function setup(options: amqp.Options.AssertQueue) {',
      "  const channel = await (await amqp.connect('amqp://rabbitmq')).createChannel();",
      "  const { queue } = await channel.assertQueue('', { exclusive: true });",
      "  await channel.assertQueue('replies', { autoDelete: true });",
      "  await channel.assertQueue('jobs', options);",
      "  const shared = { durable: true };",
      "  await channel.assertQueue('mail', shared);",
      '  return queue;',
      '}',
    );
    expect(declarationsOf(text).map(({ at, temporary, deadLetter, slot }) => ({ at, temporary, deadLetter, slot }))).toEqual([
      { at: "channel.assertQueue('', { exclusive: true })", temporary: true, deadLetter: 'absent', slot: undefined },
      { at: "channel.assertQueue('replies', { autoDelete: true })", temporary: true, deadLetter: 'absent', slot: "deadLetterExchange: '{dlq}' in { autoDelete: true }" },
      { at: "channel.assertQueue('jobs', options)", temporary: undefined, deadLetter: 'unknown', slot: undefined },
      // A shared options object is read, but not edited: the fix would name every queue's dead-letter exchange after this one.
      { at: "channel.assertQueue('mail', shared)", temporary: undefined, deadLetter: 'absent', slot: undefined },
    ]);
  });

  it('records bindings and exchange publishes with their routing key', () => {
    const text = lines(
      "import * as amqp from 'amqplib';",
      "const channel = await (await amqp.connect('amqp://rabbitmq')).createConfirmChannel();",
      "await channel.bindQueue('notifications.order-placed', 'orders', 'order.*');",
      "await channel.bindQueue('audit', 'orders', '#');",
      "channel.publish('orders', 'order.placed', Buffer.from('{}'));",
      "channel.publish('', 'billing', Buffer.from('{}'));",
    );
    expect(bindingsOf(text)).toEqual(["'notifications.order-placed' <- 'orders' 'order.*'", "'audit' <- 'orders' '#'"]);
    const routes = factsOf(text).publishRoutes.map((r) => `${slice(text, r.exchange)} ${slice(text, r.routingKey)}`);
    // The default exchange routes by queue name: that send's destination is already the queue.
    expect(routes).toEqual(["'orders' 'order.placed'"]);
  });
});

describe('amqplib consumers', () => {
  it('finds an unconditional requeue in the error path, and an ack that is not in it', () => {
    const text = lines(
      "import type { Channel } from 'amqplib';",
      "const QUEUE = 'notifications.order-placed';",
      'export async function consume(channel: Channel) {',
      '  await channel.consume(QUEUE, async (msg) => {',
      '    if (!msg) return;',
      '    try {',
      '      await handle(msg.content);',
      '      channel.ack(msg);',
      '    } catch {',
      '      channel.nack(msg, false, true);',
      '    }',
      '  });',
      '}',
      'declare function handle(body: Buffer): Promise<void>;',
    );
    expect(consumersOf(text)).toEqual([
      { library: 'amqplib', at: 'channel.consume(QUEUE, async (msg) => {', sources: ['QUEUE'], ack: 'manual', requeues: ['channel.nack(msg, false, true)'] },
    ]);
  });

  it('knows the requeue defaults: nack(msg) and reject(msg) requeue, an explicit false does not, a computed flag may', () => {
    const text = lines(
      "import * as amqp from 'amqplib';",
      "const channel = await (await amqp.connect('amqp://rabbitmq')).createChannel();",
      "await channel.consume('a', (msg) => {",
      '  if (!msg) return;',
      '  const retry = Math.random() > 0.5;',
      '  if (msg.content.length === 0) channel.nack(msg);',
      '  else if (msg.content.length === 1) channel.reject(msg);',
      '  else if (msg.content.length === 2) channel.reject(msg, true);',
      '  else if (msg.content.length === 3) channel.nack(msg, false, false);',
      '  else if (msg.content.length === 4) channel.reject(msg, false);',
      '  else channel.nack(msg, false, retry);',
      '});',
    );
    expect(consumersOf(text)[0]!.requeues).toEqual(['channel.nack(msg)', 'channel.reject(msg)', 'channel.reject(msg, true)', 'channel.nack(msg, false, retry)']);
  });

  it('sees a delivery-count check: x-delivery-count, x-death and the redelivered flag', () => {
    const handler = (check: string) =>
      lines(
        "import type { Channel, ConsumeMessage } from 'amqplib';",
        'export function consume(channel: Channel) {',
        "  return channel.consume('orders', (msg: ConsumeMessage | null) => {",
        '    if (!msg) return;',
        `    const again = ${check};`,
        '    channel.nack(msg, false, again);',
        '  });',
        '}',
      );
    for (const check of ["Number(msg.properties.headers?.['x-delivery-count'] ?? 0) < 5", "(msg.properties.headers?.['x-death']?.[0]?.count ?? 0) < 5", '!msg.fields.redelivered']) {
      expect(consumersOf(handler(check))[0]!.counted).toBe(true);
    }
    expect(consumersOf(handler('true'))[0]!.counted).toBeUndefined();
  });

  it('follows the handler into class methods and records an ack in a catch block as a drop', () => {
    const text = lines(
      "import type { Channel, ConsumeMessage } from 'amqplib';",
      'export class OrdersConsumer {',
      '  constructor(private readonly channel: Channel) {}',
      "  start() { return this.channel.consume('orders', (msg) => this.onMessage(msg)); }",
      '  private async onMessage(msg: ConsumeMessage | null) {',
      '    if (!msg) return;',
      '    try {',
      '      await this.process(msg);',
      '    } catch (err) {',
      '      console.error(err);',
      '      this.channel.ack(msg);',
      '    }',
      '  }',
      '  private async process(msg: ConsumeMessage) {',
      '    if (msg.content.length === 0) this.channel.reject(msg, true);',
      '  }',
      '}',
    );
    expect(consumersOf(text)).toEqual([
      { library: 'amqplib', at: "this.channel.consume('orders', (msg) => this.onMessage(msg))", sources: ["'orders'"], ack: 'manual', requeues: ['this.channel.reject(msg, true)'], drops: ['this.channel.ack(msg)'] },
    ]);
  });

  it("names a queue by its declaration when the consumer uses assertQueue's reply", () => {
    const text = lines(
      "import * as amqp from 'amqplib';",
      "const channel = await (await amqp.connect('amqp://rabbitmq')).createChannel();",
      "const { queue } = await channel.assertQueue('orders', { durable: true });",
      "const q = await channel.assertQueue('payments');",
      "const { queue: replies } = await channel.assertQueue('', { exclusive: true });",
      'await channel.consume(queue, () => {});',
      'await channel.consume(q.queue, () => {});',
      'await channel.consume(replies, () => {});',
    );
    expect(consumersOf(text).map((c) => c.sources)).toEqual([["'orders'"], ["'payments'"], ['replies']]);
  });

  it('takes noAck consumers as auto-acknowledged', () => {
    const text = lines(
      "import * as amqp from 'amqplib';",
      "const channel = await (await amqp.connect('amqp://rabbitmq')).createChannel();",
      "await channel.consume('metrics', (msg) => console.log(msg?.content.toString()), { noAck: true });",
    );
    expect(consumersOf(text).map((c) => c.ack)).toEqual(['auto']);
  });

  it('recognises amqp-connection-manager channel wrappers and untyped setup channels', () => {
    const text = lines(
      "import amqp from 'amqp-connection-manager';",
      "const connection = amqp.connect(['amqp://rabbitmq:5672']);",
      'const wrapper = connection.createChannel({',
      '  json: true,',
      '  setup: async (channel) => {',
      "    await channel.assertQueue('audit', { durable: true });",
      "    await channel.consume('audit', (msg) => { if (msg) channel.nack(msg); });",
      '  },',
      '});',
      "await wrapper.consume('jobs', async (msg) => { try { await run(msg); wrapper.ack(msg); } catch { wrapper.nack(msg); } });",
      'declare function run(msg: unknown): Promise<void>;',
    );
    expect(declarationsOf(text).map((d) => [d.library, d.name])).toEqual([['amqp-connection-manager', "'audit'"]]);
    expect(consumersOf(text).map((c) => [c.library, c.sources, c.requeues])).toEqual([
      ['amqp-connection-manager', ["'audit'"], ['channel.nack(msg)']],
      ['amqp-connection-manager', ["'jobs'"], ['wrapper.nack(msg)']],
    ]);
  });

  it('ignores look-alikes that are not amqplib channels', () => {
    const text = lines(
      'const channel = { consume: (q: string, f: (m: unknown) => void) => f(q), nack: (m: unknown) => m, assertQueue: (q: string) => q };',
      "channel.assertQueue('orders');",
      "channel.consume('orders', (msg) => channel.nack(msg));",
    );
    expect(consumersOf(text)).toEqual([]);
    expect(declarationsOf(text)).toEqual([]);
  });
});
