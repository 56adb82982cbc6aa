// Job queues on Redis: BullMQ and Bull (v3), and their NestJS modules. A failed job stays in the queue's failed set, where
// a person can inspect and retry it, unless `removeOnFail` deletes it. Workers and processors are consumers of their queue.
import ts from 'typescript';
import type { ExtractedFacts, FactsAdapter } from '../facts/adapter.js';
import { arrayElementsOf, objectLiteralOf, propertyValue } from '../facts/config-objects.js';
import type { FileIndex } from '../facts/file-index.js';
import type { ConsumerFact, JobOptionsFact } from '../facts/messaging-types.js';
import { originOf, pathEquals } from '../facts/origins.js';
import { calledMethod, stringLiteralValue, unwrapExpression } from '../facts/syntax.js';
import { isBullmqQueue, isBullQueue } from './broker-clients.js';
import { booleanValue, closureOf, creationOf, exportedNamesOf, functionOf, numberValue, propertyAssignmentOf, readsAnyName } from './messaging-handlers.js';

const NEST_MODULES = ['@nestjs/bullmq', '@nestjs/bull'];
/** What replaces a setting that deletes failed jobs: keep them a week (a count or age bound still limits Redis memory). */
const KEEP_FAILED = '{ age: 7 * 24 * 3600 }';

export const jobsMessagingAdapter: FactsAdapter = {
  name: 'messaging-jobs',
  extract(file, facts) {
    for (const construction of file.constructions) {
      const callee = originOf(file, construction.expression);
      const args = construction.arguments ?? [];
      if (callee?.module === 'bullmq' && pathEquals(callee.path, ['Queue'])) {
        addJobOptions(file, facts, 'bullmq', 'queue-defaults', optionOf(file, args[1], 'defaultJobOptions'), args[0]);
        addJobQueue(file, facts, construction, 'bullmq', args[0]);
      }
      if (callee?.module === 'bull' && (pathEquals(callee.path, []) || pathEquals(callee.path, ['Queue']))) {
        bullQueue(file, facts, args);
        addJobQueue(file, facts, construction, 'bull', args[0]);
      }
      if (callee?.module === 'bullmq' && pathEquals(callee.path, ['Worker'])) {
        addJobOptions(file, facts, 'bullmq', 'worker', args[2], args[0]);
        addConsumer(file, facts, construction, 'bullmq', args[0], args[1]);
      }
    }
    for (const call of file.calls) {
      const callee = originOf(file, call.expression);
      // Bull's default export is the Queue class, callable without `new`.
      if (callee?.module === 'bull' && pathEquals(callee.path, [])) {
        bullQueue(file, facts, call.arguments);
        addJobQueue(file, facts, call, 'bull', call.arguments[0]);
      }
      if (callee && NEST_MODULES.includes(callee.module) && (pathEquals(callee.path, ['BullModule', 'registerQueue']) || pathEquals(callee.path, ['BullModule', 'forRoot']))) {
        const library = callee.module === '@nestjs/bullmq' ? 'bullmq' : 'bull';
        for (const argument of call.arguments) {
          const options = objectLiteralOf(file, argument);
          if (options) addJobOptions(file, facts, library, 'queue-defaults', propertyValue(file, options, 'defaultJobOptions'), propertyValue(file, options, 'name'));
        }
      }
      queueMethod(file, facts, call);
    }
  },
};

function optionOf(file: FileIndex, expression: ts.Expression | undefined, name: string): ts.Expression | undefined {
  const object = objectLiteralOf(file, expression);
  return object && propertyValue(file, object, name);
}

/** Bull: `new Queue(name, opts?)` / `new Queue(name, redisUrl, opts?)`. */
function bullQueue(file: FileIndex, facts: ExtractedFacts, args: readonly ts.Expression[]): void {
  addJobOptions(file, facts, 'bull', 'queue-defaults', optionOf(file, args.length >= 3 ? args[2] : args[1], 'defaultJobOptions'), args[0]);
}

/** `queue.add(…, opts)`, `queue.addBulk([{ opts }])`, and Bull's `queue.process(handler)`. */
function queueMethod(file: FileIndex, facts: ExtractedFacts, call: ts.CallExpression): void {
  const method = calledMethod(call);
  if (!method || !['add', 'addBulk', 'process'].includes(method.name)) return;
  const origin = originOf(file, method.receiver);
  const library = isBullmqQueue(origin) ? 'bullmq' : isBullQueue(origin) ? 'bull' : undefined;
  if (!library) {
    if (method.name === 'add') importedQueueAdd(file, facts, call, method.receiver);
    return;
  }
  const creation = creationOf(file, method.receiver);
  const queueName = creation && ts.isNewExpression(creation) ? creation.arguments?.[0] : creation?.arguments[0];
  const args = call.arguments;
  if (method.name === 'add') addJobOptions(file, facts, library, 'job', args[addOptionsIndex(library, args)], queueName);
  else if (method.name === 'addBulk') {
    for (const job of arrayElementsOf(file, args[0]) ?? []) addJobOptions(file, facts, library, 'job', optionOf(file, job, 'opts'), queueName);
  } else if (library === 'bull') {
    // process([name,] [concurrency,] handler): the handler is the last argument.
    addConsumer(file, facts, call, 'bull', queueName, args[args.length - 1]);
  }
}

/** BullMQ `add(name, data, opts)`; Bull also `add(data, opts)` when the first argument is not a job name. */
function addOptionsIndex(library: string, args: readonly ts.Expression[]): number {
  if (library === 'bullmq' || args.length >= 3) return 2;
  const first = args[0] && unwrapExpression(args[0]);
  const named = first !== undefined && (ts.isStringLiteralLike(first) || ts.isTemplateExpression(first));
  return named ? 2 : 1;
}

/**
 * `emailQueue.add(name, data, { removeOnFail })` on a binding imported from another module: recorded with the import, and
 * counted only when that module exports a job queue under the name (the queue is created there, its module says so).
 */
function importedQueueAdd(file: FileIndex, facts: ExtractedFacts, call: ts.CallExpression, receiver: ts.Expression): void {
  const node = unwrapExpression(receiver);
  const declaration = ts.isIdentifier(node) ? file.lookup(node)?.node : undefined;
  if (!declaration || !(ts.isImportSpecifier(declaration) || ts.isImportClause(declaration))) return;
  const importDeclaration = file.ancestor(declaration, ts.isImportDeclaration);
  const specifier = importDeclaration && stringLiteralValue(importDeclaration.moduleSpecifier as ts.Expression);
  if (specifier === undefined || call.arguments.length < 3) return;
  const name = ts.isImportSpecifier(declaration) ? (declaration.propertyName ?? declaration.name).text : 'default';
  addJobOptions(file, facts, 'job-queue', 'job', call.arguments[2], undefined, { specifier, name });
}

function addJobOptions(
  file: FileIndex,
  facts: ExtractedFacts,
  library: string,
  scope: JobOptionsFact['scope'],
  expression: ts.Expression | undefined,
  queue: ts.Expression | undefined,
  queueImport?: JobOptionsFact['queueImport'],
): void {
  const options = objectLiteralOf(file, expression);
  if (!options) return;
  const fact: JobOptionsFact = { ...file.span(options), library, scope };
  if (queue) fact.queue = file.span(queue);
  if (queueImport) fact.queueImport = queueImport;
  const removeOnFail = propertyValue(file, options, 'removeOnFail');
  const holder = removeOnFail && propertyAssignmentOf(file, removeOnFail);
  if (removeOnFail && holder && deletesFailedJobs(file, removeOnFail)) {
    fact.discardsFailed = { option: file.span(holder), value: file.span(removeOnFail), keep: KEEP_FAILED };
  }
  const attempts = propertyValue(file, options, 'attempts');
  if (attempts) fact.attempts = file.span(attempts);
  if (fact.discardsFailed || fact.attempts) facts.jobOptions.push(fact);
}

/** `true`, `0` or `{ count: 0 }`: no failed job is kept. A positive count or an age keeps recent failures. */
function deletesFailedJobs(file: FileIndex, value: ts.Expression): boolean {
  if (booleanValue(file, value) === true || numberValue(file, value) === 0) return true;
  const keep = objectLiteralOf(file, value);
  return keep !== undefined && propertyValue(file, keep, 'age') === undefined && numberValue(file, propertyValue(file, keep, 'count')) === 0;
}

/** A queue instance, with the names its module exports it under (for `queue.add` calls in modules that import it). */
function addJobQueue(file: FileIndex, facts: ExtractedFacts, creation: ts.CallExpression | ts.NewExpression, library: string, name: ts.Expression | undefined): void {
  const exportedAs = exportedNamesOf(file, creation);
  if (exportedAs.length === 0) return;
  facts.jobQueues.push({ ...file.span(creation), library, ...(name ? { name: file.span(name) } : {}), exportedAs });
}

function addConsumer(file: FileIndex, facts: ExtractedFacts, node: ts.CallExpression | ts.NewExpression, library: string, queue: ts.Expression | undefined, processor: ts.Expression | undefined): void {
  const handler = functionOf(file, processor);
  const fact: ConsumerFact = {
    ...file.span(node),
    library,
    broker: 'redis-jobs',
    sourceKind: 'job-queue',
    sources: queue && stringLiteralValue(queue) !== '' ? [file.span(queue)] : [],
    ack: 'library',
    requeues: [],
    deliveryCountChecked: handler ? readsAnyName(closureOf(file, handler), ['attemptsMade']) : false,
    failures: [],
    drops: [],
    // A failed job is retried `attempts` times (one by default), then kept in the failed set.
    undeclaredLimit: 'built-in',
  };
  if (handler) fact.handler = file.span(handler);
  facts.consumers.push(fact);
}
