import { describe, expect, it } from 'vitest';
import { consumersOf, declarationsOf } from './messaging-testing.js';

const lines = (...text: string[]): string => text.join('\n');

describe('NATS JetStream', () => {
  it('reads durable consumer declarations and their max_deliver (-1 is unlimited)', () => {
    const text = lines(
      "import { connect, AckPolicy } from 'nats';",
      "const nc = await connect({ servers: 'nats://nats:4222' });",
      'const jsm = await nc.jetstreamManager();',
      "await jsm.consumers.add('ORDERS', { durable_name: 'mailer', ack_policy: AckPolicy.Explicit, max_deliver: 5 });",
      "await jsm.consumers.add('ORDERS', { durable_name: 'audit', ack_policy: AckPolicy.Explicit, max_deliver: -1 });",
      "await jsm.consumers.add('ORDERS', { durable_name: 'billing', ack_policy: AckPolicy.Explicit });",
      "await jsm.consumers.add('ORDERS', { ack_policy: AckPolicy.Explicit });",
    );
    expect(declarationsOf(text).map(({ name, limit, temporary }) => ({ name, limit, temporary }))).toEqual([
      { name: "'mailer'", limit: 'set max_deliver=5', temporary: undefined },
      { name: "'audit'", limit: 'unlimited max_deliver=-1', temporary: undefined },
      { name: "'billing'", limit: 'absent', temporary: undefined },
      { name: undefined, limit: 'absent', temporary: true },
    ]);
  });

  it('finds consumers iterated with for await or given a callback, with nak requeues and delivery-count checks', () => {
    const text = lines(
      "import { connect } from 'nats';",
      "const nc = await connect({ servers: 'nats://nats:4222' });",
      'const js = nc.jetstream();',
      "const mailer = await js.consumers.get('ORDERS', 'mailer');",
      'const messages = await mailer.consume();',
      'for await (const m of messages) {',
      '  try { await send(m.data); m.ack(); } catch { m.nak(5000); }',
      '}',
      "const audit = await js.consumers.get('ORDERS', 'audit');",
      'await audit.consume({ callback: (m) => { try { record(m.data); m.ack(); } catch { if (m.info.deliveryCount < 5) m.nak(); else m.term(); } } });',
      'declare function send(data: Uint8Array): Promise<void>;',
      'declare function record(data: Uint8Array): void;',
    );
    expect(consumersOf(text)).toEqual([
      { library: 'nats', at: 'mailer.consume()', sources: ["'mailer'"], ack: 'manual', requeues: ['m.nak(5000)'] },
      { library: 'nats', at: expect.stringContaining('audit.consume(') as string, sources: ["'audit'"], ack: 'manual', requeues: ['m.nak()'], counted: true, drops: ['m.term()'] },
    ]);
  });
});

describe('Azure Service Bus', () => {
  it('takes queues and subscriptions as dead-lettered by the broker, with a delivery limit', () => {
    const text = lines(
      "import { ServiceBusAdministrationClient } from '@azure/service-bus';",
      'const admin = new ServiceBusAdministrationClient(process.env.SERVICE_BUS_CONNECTION!);',
      "await admin.createQueue('orders');",
      "await admin.createQueue('payments', { maxDeliveryCount: 5 });",
      "await admin.createSubscription('events', 'mailer');",
    );
    expect(declarationsOf(text).map(({ name, deadLetter, limit }) => ({ name, deadLetter, limit }))).toEqual([
      { name: "'orders'", deadLetter: 'built-in', limit: 'built-in' },
      { name: "'payments'", deadLetter: 'built-in', limit: 'set maxDeliveryCount=5' },
      { name: "'mailer'", deadLetter: 'built-in', limit: 'built-in' },
    ]);
  });

  it('finds receivers with their abandon requeues, bounded by the broker', () => {
    const text = lines(
      "import { ServiceBusClient } from '@azure/service-bus';",
      'const client = new ServiceBusClient(process.env.SERVICE_BUS_CONNECTION!);',
      "const receiver = client.createReceiver('orders');",
      'receiver.subscribe({',
      '  processMessage: async (message) => { try { await handle(message.body); } catch { await receiver.abandonMessage(message); } },',
      '  processError: async (args) => console.error(args.error),',
      '});',
      "client.createReceiver('events', 'mailer').subscribe({ async processMessage(message) { await handle(message.body); }, async processError() {} });",
      'declare function handle(body: unknown): Promise<void>;',
    );
    expect(consumersOf(text)).toEqual([
      { library: '@azure/service-bus', at: 'receiver.subscribe({', sources: ["'orders'"], ack: 'library', requeues: ['receiver.abandonMessage(message)'] },
      { library: '@azure/service-bus', at: expect.stringContaining("createReceiver('events', 'mailer').subscribe") as string, sources: ["'mailer'"], ack: 'library' },
    ]);
  });
});
