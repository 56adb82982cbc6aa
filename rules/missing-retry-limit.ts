import type { ConsumerFact } from '../server/src/engine/facts/messaging-types.js';
import type { Span } from '../server/src/engine/facts/types.js';
import type { AnalyzedFile, SystemModel } from '../server/src/engine/model/types.js';
import { defineRule, type Report } from '../server/src/engine/rule-api.js';
import { declarationsFor, keepsFailedMessages, limitsDeliveries, nameOf, sourceName, type Declaration } from './support/messaging.js';

export default defineRule({
  id: 'missing-retry-limit',
  category: 'messaging',
  severity: 'error',
  fix: 'none',
  description: 'Consumers must stop redelivering a message that keeps failing.',
  options: {},
  check({ file, model, report }) {
    for (const consumer of file.facts.consumers) {
      // A consumer that counts deliveries decides for itself when to give up.
      if (consumer.ack === 'auto' || consumer.deliveryCountChecked) continue;
      checkConsumer(file, model, consumer, report);
    }
  },
});

function checkConsumer(file: AnalyzedFile, model: SystemModel, consumer: ConsumerFact, report: (report: Report) => void): void {
  const declarations = declarationsFor(model, file, consumer);
  // A NestJS handler's queue, and how it is acknowledged, are the transport's: without one in sight there is nothing to judge.
  if (consumer.viaTransport && declarations.length === 0) return;
  // A transport that acknowledges on delivery (Nest's default `noAck: true`) never gets a message back.
  if (consumer.ack === 'transport' && !declarations.some((d) => d.fact.ack === 'manual')) return;
  // A queue whose name does not fold (a parameter, a server-named queue) may be declared anywhere, with any limit: not judged.
  const unnamed = !consumer.viaTransport && consumer.sources.length > 0 && consumer.sources.every((source) => nameOf(model, file, source) === undefined);
  const bounded = declarations.length > 0 ? declarations.some(limitsDeliveries) : unnamed || consumer.undeclaredLimit !== 'none';
  const queue = sourceName(model, file, consumer, declarations);
  const where = queue ? `\`${queue}\`` : 'its queue';
  const advice = adviceFor(consumer);

  if (!bounded) {
    for (const requeue of consumer.requeues) {
      report(withDeclarations(at(requeue, `This consumer puts a failing message back on ${where} forever: one poison message is redelivered to every worker in turn and blocks the queue. ${advice}`), declarations));
    }
  }
  if (consumer.failureRedelivery === 'forever') {
    for (const failure of consumer.failures) {
      report(
        at(
          failure,
          `This consumer lets a handler error escape${queue ? ` for ${where}` : ''}: the failing message is retried on every restart, so one poison message holds its partition, and every message behind it, forever. ` +
            'Catch errors in the handler, retry a few times, then publish what still fails to a dead-letter topic a person can inspect and replay.',
        ),
      );
    }
  }
  if (consumer.failureRedelivery === 'until-dead-lettered' && declarations.length > 0 && !bounded && !declarations.some(keepsFailedMessages)) {
    for (const failure of consumer.failures) {
      report(
        withDeclarations(
          at(
            failure,
            `A failing message stays on ${where} to be delivered again, and ${where} has neither a delivery limit nor a dead-letter target: one poison message comes back forever and keeps every worker busy with it. ${advice}`,
          ),
          declarations,
        ),
      );
    }
  }
}

function adviceFor(consumer: ConsumerFact): string {
  const limit = consumer.limitSetting ? `set ${consumer.limitSetting}` : 'limit its deliveries';
  return `Check the delivery count (or ${limit}) and dead-letter the message after a few attempts, into a queue a person can inspect and replay.`;
}

function at(span: Span, message: string): Report {
  return { start: span.start, end: span.end, message };
}

/** Findings point at the declarations that lack the limit, which is where it is usually fixed. */
function withDeclarations(finding: Report, declarations: readonly Declaration[]): Report {
  if (declarations.length === 0) return finding;
  return { ...finding, related: declarations.map((d) => ({ file: d.file.path, start: d.fact.reportAt.start, end: d.fact.reportAt.end, message: 'declared here without a delivery limit' })) };
}
