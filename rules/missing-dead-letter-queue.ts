import type { ConsumerFact, JobOptionsFact } from '../server/src/engine/facts/messaging-types.js';
import type { Span } from '../server/src/engine/facts/types.js';
import type { AnalyzedFile, SystemModel } from '../server/src/engine/model/types.js';
import { defineRule, type Report } from '../server/src/engine/rule-api.js';
import { deadLetterFix, declarationOf, isConsumed, isDeadLetterDestination, isImportedJobQueue, nameOf } from './support/messaging.js';

export default defineRule({
  id: 'missing-dead-letter-queue',
  category: 'messaging',
  severity: 'warning',
  fix: 'unsafe',
  description: 'Messages that finally fail must go to a dead-letter queue, not vanish.',
  options: {},
  check({ file, model, report }) {
    for (const fact of file.facts.queueDeclarations) {
      const declaration = declarationOf(model, file, fact);
      const name = declaration.name;
      if (fact.deadLetter?.state !== 'absent' || fact.temporary || isDeadLetterDestination(model, declaration)) continue;
      if (fact.judgedWhenConsumed && !isConsumed(model, declaration)) continue;
      const what = name ? `\`${name}\`` : 'This queue';
      const option = fact.deadLetter.option ? `\`${fact.deadLetter.option}\`` : 'a dead-letter target';
      report({
        start: fact.reportAt.start,
        end: fact.reportAt.end,
        message:
          `${what} has no dead-letter queue: a message that finally fails is dropped (or redelivered forever) instead of landing where a person can inspect and replay it. ` +
          `Set ${option} and keep a queue behind it for failed messages.`,
        fixes: deadLetterFix(file, declaration),
      });
    }
    for (const job of file.facts.jobOptions) {
      if (!job.discardsFailed || (job.queueImport && !isImportedJobQueue(model, file, job.queueImport))) continue;
      report(discardedJobs(file, model, job));
    }
    for (const consumer of file.facts.consumers) {
      for (const drop of consumer.drops) {
        if (!publishesIn(file, drop.errorPath)) report(droppedMessage(drop.at, consumer));
      }
    }
  },
});

function discardedJobs(file: AnalyzedFile, model: SystemModel, job: JobOptionsFact): Report {
  const discards = job.discardsFailed!;
  const queue = nameOf(model, file, job.queue);
  const setting = file.text.slice(discards.option.start, discards.option.end);
  const subject = job.scope === 'job' ? 'this job' : queue ? `every job of \`${queue}\`` : 'every job of this queue';
  return {
    start: discards.option.start,
    end: discards.option.end,
    message:
      `\`${setting}\` deletes ${subject} once it has failed its last attempt: the failure vanishes instead of staying in the failed set, where a person can inspect and retry it. ` +
      `Keep failed jobs for a while (\`removeOnFail: ${discards.keep}\`).`,
    fixes: [{ title: `Keep failed jobs (\`${discards.keep}\`)`, kind: 'unsafe', edits: { [file.path]: [{ start: discards.value.start, end: discards.value.end, newText: discards.keep }] } }],
  };
}

function droppedMessage(at: Span, consumer: ConsumerFact): Report {
  const how = consumer.ack === 'manual' || consumer.ack === 'transport' ? 'acknowledges' : 'settles';
  return {
    start: at.start,
    end: at.end,
    message:
      `This consumer ${how} the message in its error path without publishing it anywhere: a message that fails is gone, with nothing left to inspect or replay. ` +
      'Dead-letter it instead (reject it without requeue into a dead-letter queue, or publish it to one first).',
  };
}

/** A send in the error path itself, or in a function of this file it calls. */
function publishesIn(file: AnalyzedFile, errorPath: Span): boolean {
  const within = (span: Span, outer: Span) => span.start >= outer.start && span.end <= outer.end;
  if (file.facts.messageSends.some((send) => within(send, errorPath))) return true;
  const called = new Set<string>();
  for (const site of file.facts.callSites) {
    if (!within(site, errorPath)) continue;
    if (site.callee.kind === 'name') called.add(site.callee.name);
    if (site.callee.kind === 'this-method') called.add(site.callee.method);
  }
  return file.facts.functions.some(
    (fn) => fn.name !== undefined && called.has(fn.name) && file.facts.messageSends.some((send) => within(send, fn.body)),
  );
}
