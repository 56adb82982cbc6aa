import { describe, expect, it } from 'vitest';
import { bindingsOf, consumersOf, declarationsOf } from './messaging-testing.js';

const lines = (...text: string[]): string => text.join('\n');

describe('Pub/Sub', () => {
  it('reads createSubscription on the client and on a topic, with and without a dead-letter policy', () => {
    const text = lines(
      "import { PubSub } from '@google-cloud/pubsub';",
      'const pubsub = new PubSub();',
      "await pubsub.createSubscription('orders', 'orders-mailer');",
      "await pubsub.createSubscription('orders', 'orders-audit', { ackDeadlineSeconds: 30 });",
      "const payments = pubsub.topic('payments');",
      "await payments.createSubscription('payments-mailer', { deadLetterPolicy: { deadLetterTopic: 'projects/shop/topics/payments-dlq', maxDeliveryAttempts: 7 } });",
    );
    expect(declarationsOf(text)).toEqual([
      {
        library: '@google-cloud/pubsub',
        at: "pubsub.createSubscription('orders', 'orders-mailer')",
        name: "'orders-mailer'",
        deadLetter: 'absent',
        limit: 'absent',
        slot: "deadLetterPolicy: { deadLetterTopic: pubsub.topic('{dlq}').name, maxDeliveryAttempts: 5 } as argument 2",
      },
      {
        library: '@google-cloud/pubsub',
        at: expect.stringContaining("'orders-audit'") as string,
        name: "'orders-audit'",
        deadLetter: 'absent',
        limit: 'absent',
        slot: "deadLetterPolicy: { deadLetterTopic: pubsub.topic('{dlq}').name, maxDeliveryAttempts: 5 } in { ackDeadlineSeconds: 30 }",
      },
      {
        library: '@google-cloud/pubsub',
        at: expect.stringContaining("'payments-mailer'") as string,
        name: "'payments-mailer'",
        deadLetter: "set 'projects/shop/topics/payments-dlq'",
        limit: 'set maxDeliveryAttempts=7',
        slot: expect.stringContaining('payments.pubsub.topic') as string,
      },
    ]);
    expect(bindingsOf(text)).toEqual(["'orders-mailer' <- 'orders'", "'orders-audit' <- 'orders'", "'payments-mailer' <- 'payments'"]);
  });

  it("finds on('message') consumers with their nack requeues, ack drops and deliveryAttempt checks", () => {
    const text = lines(
      "import { PubSub, type Message } from '@google-cloud/pubsub';",
      'const pubsub = new PubSub();',
      "const mailer = pubsub.topic('orders').subscription('orders-mailer');",
      "mailer.on('message', async (message: Message) => {",
      '  try { await send(message.data); message.ack(); }',
      '  catch { message.nack(); }',
      '});',
      "const [audit] = await pubsub.createSubscription('orders', 'orders-audit');",
      "audit.on('message', (message: Message) => {",
      '  try { record(message.data); message.ack(); }',
      '  catch { if (message.deliveryAttempt < 5) message.nack(); else message.ack(); }',
      '});',
      'declare function send(data: Buffer): Promise<void>;',
      'declare function record(data: Buffer): void;',
    );
    expect(consumersOf(text)).toEqual([
      { library: '@google-cloud/pubsub', at: "mailer.on('message', async (message: Message) => {", sources: ["'orders-mailer'"], ack: 'manual', requeues: ['message.nack()'] },
      { library: '@google-cloud/pubsub', at: "audit.on('message', (message: Message) => {", sources: ["'orders-audit'"], ack: 'manual', requeues: ['message.nack()'], counted: true, drops: ['message.ack()'] },
    ]);
    expect(bindingsOf(text)).toContain("'orders-mailer' <- 'orders'");
  });

  it("ignores on('message') on other emitters", () => {
    const text = lines("import { EventEmitter } from 'node:events';", 'const bus = new EventEmitter();', "bus.on('message', (m: { nack(): void }) => m.nack());");
    expect(consumersOf(text)).toEqual([]);
  });
});
