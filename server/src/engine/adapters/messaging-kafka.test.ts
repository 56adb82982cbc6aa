import { describe, expect, it } from 'vitest';
import { consumersOf } from './messaging-testing.js';

const lines = (...text: string[]): string => text.join('\n');

const header = [
  "import { Kafka } from 'kafkajs';",
  "const kafka = new Kafka({ clientId: 'notifications', brokers: ['kafka:9092'] });",
  "const consumer = kafka.consumer({ groupId: 'notifications' });",
  "await consumer.subscribe({ topics: ['order.placed', 'payment.failed'] });",
];

describe('kafkajs consumers', () => {
  it('finds consumer.run with the subscribed topics, and errors that escape eachMessage', () => {
    const text = lines(
      ...header,
      'await consumer.run({',
      '  eachMessage: async ({ message }) => {',
      "    const event = JSON.parse(message.value?.toString() ?? '{}');",
      '    await handle(event);',
      '  },',
      '});',
      'declare function handle(event: unknown): Promise<void>;',
    );
    expect(consumersOf(text)).toEqual([
      { library: 'kafkajs', at: 'consumer.run({', sources: ["'order.placed'", "'payment.failed'"], ack: 'library', failures: ['consumer.run({'], redelivery: 'forever' },
    ]);
  });

  it('takes a rethrow from the catch block, also in an eachBatch method, as escaping', () => {
    const text = lines(
      ...header,
      'await consumer.run({',
      '  async eachBatch({ batch, resolveOffset }) {',
      '    for (const message of batch.messages) {',
      '      try { await handle(message.value); resolveOffset(message.offset); }',
      '      catch (err) { console.error(err); throw err; }',
      '    }',
      '  },',
      '});',
      'declare function handle(value: unknown): Promise<void>;',
    );
    expect(consumersOf(text)[0]!.failures).toEqual(['consumer.run({']);
  });

  it('does not count a handler that catches everything (parking the message on a dead-letter topic)', () => {
    const text = lines(
      ...header,
      'const producer = kafka.producer();',
      'await consumer.run({',
      '  eachMessage: async ({ topic, message }) => {',
      '    const key = message.key?.toString();',
      '    try {',
      "      await handle(JSON.parse(message.value?.toString() ?? '{}'));",
      '    } catch (err) {',
      "      console.error('handling failed', { key, err });",
      "      await producer.send({ topic: `${topic}.dlq`, messages: [message] });",
      '    }',
      '  },',
      '});',
      'declare function handle(event: unknown): Promise<void>;',
    );
    expect(consumersOf(text)[0]!.failures).toBeUndefined();
  });

  it('follows a handler that delegates to a local function that protects itself', () => {
    const text = lines(
      ...header,
      'async function safely(value: Buffer | null) {',
      '  try { await handle(value); } catch (err) { console.error(err); }',
      '}',
      'await consumer.run({ eachMessage: ({ message }) => safely(message.value) });',
      'declare function handle(value: unknown): Promise<void>;',
    );
    expect(consumersOf(text)[0]!.failures).toBeUndefined();
  });

  it('takes restartOnFailure on the consumer or the client as the code deciding when to stop, unless it always restarts', () => {
    const withRetry = (where: 'client' | 'consumer', restart: string) =>
      lines(
        "import { Kafka } from 'kafkajs';",
        where === 'client'
          ? `const kafka = new Kafka({ brokers: ['kafka:9092'], retry: { retries: 5, restartOnFailure: ${restart} } });`
          : "const kafka = new Kafka({ brokers: ['kafka:9092'] });",
        where === 'consumer' ? `const consumer = kafka.consumer({ groupId: 'g', retry: { restartOnFailure: ${restart} } });` : "const consumer = kafka.consumer({ groupId: 'g' });",
        "await consumer.subscribe({ topic: 'orders' });",
        'await consumer.run({ eachMessage: async ({ message }) => { await handle(message); } });',
        'declare function handle(message: unknown): Promise<void>;',
      );
    expect(consumersOf(withRetry('client', 'async () => false'))[0]!.failures).toBeUndefined();
    expect(consumersOf(withRetry('consumer', 'async (error) => !isPoison(error)'))[0]!.failures).toBeUndefined();
    expect(consumersOf(withRetry('consumer', 'async () => true'))[0]!.failures).toEqual(['consumer.run({ eachMessage: async ({ message }) => { await handle(message); } })']);
  });

  it('finds a Consumer-typed class member and ignores a run() on something else', () => {
    const text = lines(
      "import type { Consumer } from 'kafkajs';",
      'export class Listener {',
      '  constructor(private readonly consumer: Consumer) {}',
      "  async start() { await this.consumer.subscribe({ topic: 'audit' }); await this.consumer.run({ eachMessage: async ({ message }) => this.handle(message.value) }); }",
      '  private async handle(value: Buffer | null) { if (!value) throw new Error("empty"); }',
      '}',
      'const runner = { run: (o: object) => o };',
      'runner.run({ eachMessage: async () => { throw new Error("x"); } });',
    );
    expect(consumersOf(text).map((c) => [c.sources, c.failures?.length])).toEqual([[["'audit'"], 1]]);
  });
});
