// Broker settings that re-run failed work: BullMQ and Bull job `attempts` (per job, per queue's `defaultJobOptions`, NestJS
// `BullModule` registrations) and NATS JetStream consumer `max_deliver`. A fact is recorded only where the setting is
// written: leaving it out means one attempt for BullMQ/Bull, and for NATS is missing-retry-limit's business, not ours.
import ts from 'typescript';
import { arrayElementsOf, objectLiteralOf } from '../facts/config-objects.js';
import type { FileIndex } from '../facts/file-index.js';
import { originOf, pathEndsWith, pathEquals, type ValueOrigin } from '../facts/origins.js';
import type { RetryFact } from '../facts/retry-types.js';
import { calledMethod, stringLiteralValue, unwrapExpression } from '../facts/syntax.js';
import { isBullmqQueue, isBullQueue } from './broker-clients.js';
import { countBound, isEndless, nestedOptions, numericValue, readOption } from './retry-bounds.js';

const NEST_BULL = ['@nestjs/bullmq', '@nestjs/bull'];

/** NATS signals "no limit" with -1. */
const isUnlimitedDeliveries = (count: number): boolean => count < 0 || isEndless(count);

export function redeliveryRetries(file: FileIndex, node: ts.CallExpression | ts.NewExpression): RetryFact[] {
  return [...bullRetries(file, node), ...natsRetries(file, node)];
}

// ---------------------------------------------------------------------------------------------------------------
// BullMQ and Bull

function bullRetries(file: FileIndex, node: ts.CallExpression | ts.NewExpression): RetryFact[] {
  const args: readonly ts.Expression[] = node.arguments ?? [];
  const calleeOrigin = originOf(file, node.expression);
  // new Queue(name, { defaultJobOptions }) — Bull also takes `Queue(name, url?, opts?)` without `new`.
  if (calleeOrigin?.module === 'bullmq' && ts.isNewExpression(node) && pathEquals(calleeOrigin.path, ['Queue'])) {
    return jobDefaults(file, node, 'bullmq', args[1]);
  }
  if (calleeOrigin?.module === 'bull' && (pathEquals(calleeOrigin.path, []) || pathEquals(calleeOrigin.path, ['Queue']))) {
    return jobDefaults(file, node, 'bull', args.length >= 3 ? args[2] : args[1]);
  }
  // BullModule.forRoot({ defaultJobOptions }) / registerQueue({ name, defaultJobOptions }, …)
  if (calleeOrigin && NEST_BULL.includes(calleeOrigin.module) && (pathEquals(calleeOrigin.path, ['BullModule', 'forRoot']) || pathEquals(calleeOrigin.path, ['BullModule', 'registerQueue']))) {
    const library = calleeOrigin.module === '@nestjs/bullmq' ? 'bullmq' : 'bull';
    return args.flatMap((argument) => jobDefaults(file, node, library, argument));
  }
  if (!ts.isCallExpression(node)) return [];
  const method = calledMethod(node);
  if (!method) return [];
  const receiver = originOf(file, method.receiver);
  const library = isBullmqQueue(receiver) ? 'bullmq' : isBullQueue(receiver) ? 'bull' : isFlowProducer(receiver) ? 'bullmq' : undefined;
  if (!library) return [];
  switch (method.name) {
    case 'add':
      // FlowProducer.add({ name, queueName, data, opts }); Queue.add(name, data, opts), Bull also add(data, opts).
      if (isFlowProducer(receiver)) return jobAttempts(file, node, library, nestedJobOptions(file, args[0]));
      return jobAttempts(file, node, library, addOptions(library, args));
    case 'addBulk':
      return (arrayElementsOf(file, args[0]) ?? []).flatMap((job) => jobAttempts(file, node, library, nestedJobOptions(file, job)));
    case 'upsertJobScheduler':
      // upsertJobScheduler(id, repeat, { name, data, opts }): the template's opts.
      return jobAttempts(file, node, library, nestedJobOptions(file, args[2]));
    default:
      return [];
  }
}

function isFlowProducer(origin: ValueOrigin | undefined): boolean {
  return origin?.module === 'bullmq' && pathEquals(origin.path, ['FlowProducer', 'new']);
}

/** Where `add` takes its job options: BullMQ always third; Bull's `add(data, opts)` form when no name comes first. */
function addOptions(library: string, args: readonly ts.Expression[]): ts.Expression | undefined {
  if (library === 'bullmq' || args.length >= 3) return args[2];
  const first = args[0] && unwrapExpression(args[0]);
  const named = first !== undefined && (stringLiteralValue(first) !== undefined || ts.isTemplateExpression(first));
  return named ? undefined : args[1];
}

/** `{ name, data, opts }` job descriptions (addBulk, flows, schedulers): the `opts` expression. */
function nestedJobOptions(file: FileIndex, job: ts.Expression | undefined): ts.Expression | undefined {
  const object = objectLiteralOf(file, job);
  const opts = object && readOption(file, object, 'opts');
  return typeof opts === 'object' ? opts.value : undefined;
}

/** Queue-wide defaults: the `defaultJobOptions` of a queue's (or module registration's) options. */
function jobDefaults(file: FileIndex, node: ts.Node, library: string, options: ts.Expression | undefined): RetryFact[] {
  const object = objectLiteralOf(file, options);
  if (!object) return [];
  const defaults = nestedOptions(file, object, 'defaultJobOptions');
  return defaults.kind === 'object' ? jobAttempts(file, node, library, defaults.object) : [];
}

/** The `attempts` written in job options, if any. */
function jobAttempts(file: FileIndex, node: ts.Node, library: string, options: ts.Expression | undefined): RetryFact[] {
  const object = objectLiteralOf(file, options);
  const written = object && readOption(file, object, 'attempts');
  if (!written || typeof written !== 'object') return [];
  return [{ ...file.span(node), library, subject: 'job', option: 'attempts', ...countBound(file, written, 'attempts', isEndless) }];
}

// ---------------------------------------------------------------------------------------------------------------
// NATS JetStream

/** The `nats` package (v2) and the split `@nats-io/*` packages (v3). */
function isNats(origin: ValueOrigin | undefined): origin is ValueOrigin {
  return origin !== undefined && (origin.module === 'nats' || origin.module.startsWith('@nats-io/'));
}

function natsRetries(file: FileIndex, node: ts.CallExpression | ts.NewExpression): RetryFact[] {
  if (!ts.isCallExpression(node)) return [];
  const args = node.arguments;
  const callee = originOf(file, node.expression);
  // consumerOpts({ max_deliver })
  if (isNats(callee) && pathEquals(callee.path, ['consumerOpts'])) return maxDeliverIn(file, node, args[0]);
  const method = calledMethod(node);
  if (!method) return [];
  const receiver = originOf(file, method.receiver);
  if (!isNats(receiver)) return [];
  // consumerOpts().durable('x').maxDeliver(-1): the builder's setter, reported at `maxDeliver(-1)`.
  if (method.name === 'maxDeliver' && receiver.path[0] === 'consumerOpts') return builderMaxDeliver(file, node);
  // jsm.consumers.add(stream, config) / jsm.consumers.update(stream, durable, config)
  if (pathEndsWith(receiver.path, ['consumers'])) {
    if (method.name === 'add') return maxDeliverIn(file, node, args[1]);
    if (method.name === 'update') return maxDeliverIn(file, node, args[2]);
    return [];
  }
  // js.subscribe(subject, { config: { max_deliver } }) / js.pullSubscribe(…)
  if ((method.name === 'subscribe' || method.name === 'pullSubscribe') && isJetStreamClient(receiver)) {
    const options = objectLiteralOf(file, args[1]);
    const config = options && nestedOptions(file, options, 'config');
    return config?.kind === 'object' ? maxDeliverIn(file, node, config.object) : [];
  }
  return [];
}

function isJetStreamClient(origin: ValueOrigin): boolean {
  return pathEndsWith(origin.path, ['jetstream', '()']) || pathEquals(origin.path, ['JetStreamClient', 'new']);
}

function maxDeliverIn(file: FileIndex, node: ts.CallExpression, config: ts.Expression | undefined): RetryFact[] {
  const object = objectLiteralOf(file, config);
  const written = object && readOption(file, object, 'max_deliver');
  if (!written || typeof written !== 'object') return [];
  return [{ ...file.span(node), library: 'nats', subject: 'message', option: 'max_deliver', ...countBound(file, written, 'max_deliver', isUnlimitedDeliveries) }];
}

function builderMaxDeliver(file: FileIndex, call: ts.CallExpression): RetryFact[] {
  const argument = call.arguments[0];
  if (!argument) return [];
  const fact: RetryFact = { ...file.span(call), library: 'nats', subject: 'message', option: 'max_deliver', bound: 'finite' };
  const count = numericValue(file, argument);
  if (count === undefined) return [{ ...fact, bound: 'unknown' }];
  if (!isUnlimitedDeliveries(count)) return [fact];
  const callee = call.expression;
  const name = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
  return [{ ...fact, bound: 'infinite', optionSpan: { start: name.getStart(file.sourceFile), end: call.end }, fix: [{ kind: 'set-value', span: file.span(argument) }] }];
}
