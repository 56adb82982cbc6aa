// NATS subjects: `nc.publish(subject, data)` / `nc.subscribe(subject, { queue })` on a core `nats` connection, and
// `stan.publish(subject, data, cb)` / `stan.subscribe(subject, queueGroup, options)` on a `node-nats-streaming` one.
// A subject names what is sent and what is read: these facts give the service graph its NATS edges. How a failing message
// is settled is not judged here (JetStream consumers are, in messaging-nats.ts), so the consumer claims nothing about it.
import ts from 'typescript';
import type { FactsAdapter } from '../facts/adapter.js';
import type { FileIndex } from '../facts/file-index.js';
import type { ConsumerFact } from '../facts/messaging-types.js';
import { originOf, pathEndsWith, type ValueOrigin } from '../facts/origins.js';
import { calledMethod } from '../facts/syntax.js';

/** A connection to NATS: `connect()`'s result or a value typed as one, in the core client and in NATS Streaming. */
export function natsConnectionLibrary(origin: ValueOrigin | undefined): 'nats' | 'node-nats-streaming' | undefined {
  if (origin?.module === 'nats' && (pathEndsWith(origin.path, ['connect', '()']) || pathEndsWith(origin.path, ['NatsConnection', 'new']))) return 'nats';
  if (origin?.module === 'node-nats-streaming' && (pathEndsWith(origin.path, ['connect', '()']) || pathEndsWith(origin.path, ['Stan', 'new']))) return 'node-nats-streaming';
  return undefined;
}

export const natsSubjectsAdapter: FactsAdapter = {
  name: 'messaging-nats-subjects',
  extract(file, facts) {
    for (const call of file.calls) {
      const method = calledMethod(call);
      if (method?.name !== 'subscribe' || !call.arguments[0]) continue;
      const library = natsConnectionLibrary(originOf(file, method.receiver));
      if (library) facts.consumers.push(subjectConsumer(file, call, library));
    }
  },
};

function subjectConsumer(file: FileIndex, call: ts.CallExpression, library: string): ConsumerFact {
  return {
    ...file.span(call),
    library,
    broker: 'nats',
    sourceKind: 'topic',
    sources: [file.span(call.arguments[0]!)],
    ack: 'library',
    requeues: [],
    deliveryCountChecked: false,
    failures: [],
    drops: [],
    undeclaredLimit: 'unknown',
  };
}
