import { describe, expect, it } from 'vitest';
import { factsOf, slice } from '../facts/testing.js';

describe('NATS subjects', () => {
  it('reads core NATS and NATS Streaming publishes and subscriptions, not look-alikes', () => {
    const text = [
      "import { connect } from 'nats';",
      "import stan, { type Stan } from 'node-nats-streaming';",
      "const nc = await connect({ servers: 'nats://nats:4222' });",
      "nc.publish('orders.created', new Uint8Array());",
      "nc.subscribe('orders.paid', { queue: 'billing' });",
      'export function listen(client: Stan) {',
      "  client.subscribe('ticket:created', 'orders-service');",
      "  client.publish('order:created', '{}', () => undefined);",
      '}',
      "const emitter = { publish(_s: string) {}, subscribe(_s: string) {} };",
      "emitter.publish('not-nats');",
      "emitter.subscribe('not-nats');",
    ].join('\n');
    const facts = factsOf(text);
    expect(facts.messageSends.map((send) => [send.library, slice(text, send.destination!)])).toEqual([
      ['nats', "'orders.created'"],
      ['node-nats-streaming', "'order:created'"],
    ]);
    expect(facts.consumers.map((consumer) => [consumer.library, consumer.sources.map((source) => slice(text, source))])).toEqual([
      ['nats', ["'orders.paid'"]],
      ['node-nats-streaming', ["'ticket:created'"]],
    ]);
  });
});
