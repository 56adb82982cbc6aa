import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { factsOf, slice } from '../facts/testing.js';
import type { RetryBoundEdit } from '../facts/retry-types.js';

/** [library, bound, where a finding goes, the fix as `kind:text` edits] — texts as written. */
function retries(text: string): Array<[string, string, string, string[]?]> {
  return factsOf(text).retries.map((fact) => {
    const row: [string, string, string, string[]?] = [fact.library, fact.bound, slice(text, fact.optionSpan ?? fact)];
    if (fact.fix) row.push(fact.fix.map((edit) => describeEdit(text, edit)));
    return row;
  });
}

function describeEdit(text: string, edit: RetryBoundEdit): string {
  switch (edit.kind) {
    case 'add-option':
      return `add ${edit.option} to ${edit.slot.object ? slice(text, edit.slot.object) : `argument ${edit.slot.argumentIndex}`}`;
    case 'write-option':
      return `write ${edit.option} over ${slice(text, edit.span)}`;
    case 'set-value':
      return `set ${slice(text, edit.span)}`;
    case 'remove-property':
      return `remove ${slice(text, edit.span)}`;
  }
}

// The snippets are the libraries' real call shapes: the ones declared with `shape` must type-check against the installed
// type definitions (p-retry 7 has no `forever`, so that older shape is read but not checked). They are module constants,
// so the type-check sees all of them however the tests are filtered.
const checked: Record<string, string> = {};
const shape = (name: string, text: string): string => ((checked[name] = text), text);

const repoRoot = join(__dirname, '..', '..', '..', '..');

const SHAPE_P_RETRY = shape(
  'p-retry.ts',
  [
    "import pRetry, { makeRetriable } from 'p-retry';",
    "const fetchRates = () => fetch('https://api.frankfurter.app/latest');",
    'const FOREVER = Infinity;',
    'export const a = pRetry(fetchRates, { retries: Infinity, minTimeout: 1_000 });',
    'export const b = pRetry(fetchRates, { retries: 5 });',
    'export const c = pRetry(fetchRates);',
    'export const d = makeRetriable(fetchRates, { retries: FOREVER });',
    'export const e = pRetry(fetchRates, { retries: Infinity, maxRetryTime: 60_000 });',
    'export const f = pRetry(fetchRates, { retries: Number(process.env.RETRIES) });',
  ].join('\n'),
);

const SHAPE_ASYNC_RETRY = shape(
  'async-retry.ts',
  [
    "import retry from 'async-retry';",
    "const load = async (bail: (e: Error) => void) => fetch('http://catalog/items');",
    'export const a = retry(load, { forever: true, minTimeout: 100 });',
    'export const b = retry(load, { forever: true, retries: 3 });',
    'export const c = retry(load, { retries: Number.MAX_SAFE_INTEGER, forever: true });',
    'export const d = retry(load, { retries: 3, onRetry: (error) => console.warn(error) });',
    'export const e = retry(load, { forever: true, maxRetryTime: 30_000 });',
  ].join('\n'),
);

const SHAPE_AXIOS_RETRY = shape(
  'axios-retry.ts',
  [
    "import axios from 'axios';",
    "import axiosRetry, { exponentialDelay } from 'axios-retry';",
    "const api = axios.create({ baseURL: 'https://api.example.com', timeout: 2000 });",
    'axiosRetry(api, { retries: Infinity, retryDelay: exponentialDelay });',
    'axiosRetry(axios, { retries: 3 });',
    "export const items = () => api.get('/items', { 'axios-retry': { retries: Infinity } });",
  ].join('\n'),
);

const SHAPE_COCKATIEL = shape(
  'cockatiel.ts',
  [
    "import { ConstantBackoff, ExponentialBackoff, handleAll, handleType, retry } from 'cockatiel';",
    'export const a = retry(handleAll, { backoff: new ExponentialBackoff() });',
    'export const b = retry(handleType(Error), { maxAttempts: 3, backoff: new ConstantBackoff(50) });',
    'export const c = retry(handleAll, { maxAttempts: Infinity });',
    'export const d = retry(handleAll, {});',
  ].join('\n'),
);

const SHAPE_EXPONENTIAL_BACKOFF = shape(
  'exponential-backoff.ts',
  [
    "import { backOff } from 'exponential-backoff';",
    "const load = () => fetch('http://catalog/items');",
    'export const a = backOff(load, { numOfAttempts: Infinity, startingDelay: 500 });',
    'export const b = backOff(load, { numOfAttempts: 4, retry: () => true });',
  ].join('\n'),
);

const SHAPE_BULLMQ = shape(
  'bullmq.ts',
  [
    "import { FlowProducer, Queue } from 'bullmq';",
    "const connection = { host: 'redis', port: 6379 };",
    "const emails = new Queue('emails', { connection, defaultJobOptions: { attempts: Infinity, removeOnFail: false } });",
    'export async function run() {',
    "  await emails.add('welcome', { to: 'a@b.c' }, { attempts: Infinity, backoff: { type: 'exponential', delay: 1000 } });",
    "  await emails.add('welcome', { to: 'a@b.c' }, { attempts: 5 });",
    "  await emails.add('welcome', { to: 'a@b.c' });",
    "  await emails.addBulk([{ name: 'a', data: {}, opts: { attempts: Infinity } }, { name: 'b', data: {} }]);",
    "  await new FlowProducer({ connection }).add({ name: 'report', queueName: 'reports', data: {}, opts: { attempts: Infinity } });",
    "  await emails.upsertJobScheduler('digest', { every: 60_000 }, { name: 'digest', data: {}, opts: { attempts: Infinity } });",
    '}',
  ].join('\n'),
);

const SHAPE_BULL = shape(
  'bull.ts',
  [
    "import Queue from 'bull';",
    "const reports = new Queue('reports', 'redis://redis:6379', { defaultJobOptions: { attempts: Number.POSITIVE_INFINITY } });",
    'export async function run() {',
    "  await reports.add({ id: 1 }, { attempts: Infinity });",
    "  await reports.add('monthly', { id: 1 }, { attempts: 3 });",
    "  await reports.add('monthly', { attempts: Infinity });",
    '}',
  ].join('\n'),
);

const SHAPE_NATS = shape(
  'nats.ts',
  [
    "import { AckPolicy, connect, consumerOpts } from 'nats';",
    'export async function setup() {',
    '  const nc = await connect({ servers: process.env.NATS_URL });',
    '  const jsm = await nc.jetstreamManager();',
    "  await jsm.consumers.add('ORDERS', { durable_name: 'billing', ack_policy: AckPolicy.Explicit, max_deliver: -1 });",
    "  await jsm.consumers.update('ORDERS', 'billing', { max_deliver: 5 });",
    '  const js = nc.jetstream();',
    "  await js.subscribe('orders.placed', { config: { durable_name: 'mailer', max_deliver: -1 } });",
    "  await js.pullSubscribe('orders.placed', consumerOpts({ durable_name: 'audit', max_deliver: -1 }));",
    "  const opts = consumerOpts().durable('billing').maxDeliver(-1).ackExplicit();",
    '  return opts;',
    '}',
  ].join('\n'),
);

describe('retry helpers', () => {
  it('p-retry: retries: Infinity and its defaults, also through makeRetriable and a const', () => {
    const text = SHAPE_P_RETRY;
    expect(retries(text)).toEqual([
      ['p-retry', 'infinite', 'retries: Infinity', ['set Infinity']],
      ['p-retry', 'finite', 'pRetry(fetchRates, { retries: 5 })'],
      ['p-retry', 'finite', 'pRetry(fetchRates)'],
      ['p-retry', 'infinite', 'retries: FOREVER', ['set FOREVER']],
      ['p-retry', 'finite', 'pRetry(fetchRates, { retries: Infinity, maxRetryTime: 60_000 })'],
      ['p-retry', 'unknown', 'pRetry(fetchRates, { retries: Number(process.env.RETRIES) })'],
    ]);
    const fact = factsOf(text).retries[0]!;
    expect(slice(text, fact.retried!)).toBe('fetchRates');
  });

  it('p-retry before 7 and async-retry: forever: true, alone or next to retries', () => {
    const older = "import pRetry from 'p-retry';\nexport const a = pRetry(() => fetch('/x'), { forever: true });";
    expect(retries(older)).toEqual([['p-retry', 'infinite', 'forever: true', ['write retries over forever: true']]]);
    const text = SHAPE_ASYNC_RETRY;
    expect(retries(text)).toEqual([
      ['async-retry', 'infinite', 'forever: true', ['write retries over forever: true']],
      ['async-retry', 'infinite', 'forever: true', ['remove forever: true']],
      ['async-retry', 'infinite', 'forever: true', ['remove forever: true', 'set Number.MAX_SAFE_INTEGER']],
      ['async-retry', 'finite', 'retry(load, { retries: 3, onRetry: (error) => console.warn(error) })'],
      ['async-retry', 'finite', 'retry(load, { forever: true, maxRetryTime: 30_000 })'],
    ]);
  });

  it('axios-retry: on a client, and per request in the axios config', () => {
    const text = SHAPE_AXIOS_RETRY;
    expect(retries(text)).toEqual([
      ['axios-retry', 'infinite', 'retries: Infinity', ['set Infinity']],
      ['axios-retry', 'finite', 'axiosRetry(axios, { retries: 3 })'],
      ['axios-retry', 'infinite', 'retries: Infinity', ['set Infinity']],
    ]);
  });

  it('cockatiel: no maxAttempts means forever; the fix adds one', () => {
    const text = SHAPE_COCKATIEL;
    expect(retries(text)).toEqual([
      ['cockatiel', 'missing', 'retry(handleAll, { backoff: new ExponentialBackoff() })', ['add maxAttempts to { backoff: new ExponentialBackoff() }']],
      ['cockatiel', 'finite', 'retry(handleType(Error), { maxAttempts: 3, backoff: new ConstantBackoff(50) })'],
      ['cockatiel', 'infinite', 'maxAttempts: Infinity', ['set Infinity']],
      ['cockatiel', 'missing', 'retry(handleAll, {})', ['add maxAttempts to {}']],
    ]);
    // Plain JavaScript may leave the options out altogether.
    expect(retries("import { handleAll, retry } from 'cockatiel';\nexport const p = retry(handleAll);")).toEqual([
      ['cockatiel', 'missing', 'retry(handleAll)', ['add maxAttempts to argument 1']],
    ]);
  });

  it('exponential-backoff: numOfAttempts', () => {
    const text = SHAPE_EXPONENTIAL_BACKOFF;
    expect(retries(text)).toEqual([
      ['exponential-backoff', 'infinite', 'numOfAttempts: Infinity', ['set Infinity']],
      ['exponential-backoff', 'finite', 'backOff(load, { numOfAttempts: 4, retry: () => true })'],
    ]);
  });

  it('options through local objects and spreads; an unreadable spread makes the bound unknown', () => {
    const text = [
      "import pRetry, { type Options } from 'p-retry';",
      'const base = { retries: Infinity };',
      'export const a = pRetry(() => 1, { ...base, minTimeout: 5 });',
      'export const b = (options: Options) => pRetry(() => 1, { minTimeout: 5, ...options });',
      'export const c = (options: Options) => pRetry(() => 1, { ...options, retries: 2 });',
      'export const d = (options: Options) => pRetry(() => 1, options);',
    ].join('\n');
    expect(retries(text)).toEqual([
      ['p-retry', 'infinite', 'retries: Infinity', ['set Infinity']],
      ['p-retry', 'unknown', 'pRetry(() => 1, { minTimeout: 5, ...options })'],
      // The spread may still say `forever: true`.
      ['p-retry', 'unknown', 'pRetry(() => 1, { ...options, retries: 2 })'],
      ['p-retry', 'unknown', 'pRetry(() => 1, options)'],
    ]);
  });

  it('recognises helpers by import: a local retry() and a cockatiel retry named like async-retry are told apart', () => {
    const text = [
      'function retry(fn: () => unknown, options: { forever: boolean }) { return fn(); }',
      'export const a = retry(() => 1, { forever: true });',
      "const asyncRetry = require('async-retry');",
      'export const b = asyncRetry(() => 1, { forever: true });',
    ].join('\n');
    expect(retries(text)).toEqual([['async-retry', 'infinite', 'forever: true', ['write retries over forever: true']]]);
  });
});

describe('redelivery settings', () => {
  it('BullMQ: attempts in job options, addBulk, flows, schedulers and queue defaults; none written, no fact', () => {
    const text = SHAPE_BULLMQ;
    expect(retries(text).map(([library, bound, at]) => [library, bound, at])).toEqual([
      ['bullmq', 'infinite', 'attempts: Infinity'],
      ['bullmq', 'infinite', 'attempts: Infinity'],
      ['bullmq', 'finite', "emails.add('welcome', { to: 'a@b.c' }, { attempts: 5 })"],
      ['bullmq', 'infinite', 'attempts: Infinity'],
      ['bullmq', 'infinite', 'attempts: Infinity'],
      ['bullmq', 'infinite', 'attempts: Infinity'],
    ]);
  });

  it('Bull: add(name, data, opts) and add(data, opts), queue defaults', () => {
    const text = SHAPE_BULL;
    expect(retries(text).map(([library, bound, at]) => [library, bound, at])).toEqual([
      ['bull', 'infinite', 'attempts: Number.POSITIVE_INFINITY'],
      ['bull', 'infinite', 'attempts: Infinity'],
      ['bull', 'finite', "reports.add('monthly', { id: 1 }, { attempts: 3 })"],
    ]);
  });

  it('NestJS BullModule registrations', () => {
    const text = [
      "import { BullModule } from '@nestjs/bullmq';",
      "export const root = BullModule.forRoot({ connection: { host: 'redis' }, defaultJobOptions: { attempts: Infinity } });",
      "export const queues = BullModule.registerQueue({ name: 'a' }, { name: 'b', defaultJobOptions: { attempts: 3 } });",
    ].join('\n');
    expect(retries(text).map(([library, bound]) => [library, bound])).toEqual([
      ['bullmq', 'infinite'],
      ['bullmq', 'finite'],
    ]);
  });

  it('NATS JetStream: max_deliver in consumer configs, subscriptions and the options builder', () => {
    const text = SHAPE_NATS;
    expect(retries(text)).toEqual([
      ['nats', 'infinite', 'max_deliver: -1', ['set -1']],
      ['nats', 'finite', "jsm.consumers.update('ORDERS', 'billing', { max_deliver: 5 })"],
      ['nats', 'infinite', 'max_deliver: -1', ['set -1']],
      ['nats', 'infinite', 'max_deliver: -1', ['set -1']],
      ['nats', 'infinite', 'maxDeliver(-1)', ['set -1']],
    ]);
  });
});

describe('the shapes used above', () => {
  it('type-check against the installed libraries', () => {
    const root = join(repoRoot, '.retry-shapes');
    const files = new Map(Object.entries(checked).map(([name, text]) => [join(root, name), text]));
    const options: ts.CompilerOptions = {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      esModuleInterop: true,
      skipLibCheck: true,
      lib: ['lib.es2023.d.ts'],
      types: ['node'],
      noUnusedLocals: false,
    };
    // The snippets exist only in memory, in a folder of the repository so that its node_modules resolve.
    const host = ts.createCompilerHost(options);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (fileName, language, ...rest) =>
      files.has(fileName) ? ts.createSourceFile(fileName, files.get(fileName)!, language) : getSourceFile(fileName, language, ...rest);
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (fileName) => files.has(fileName) || fileExists(fileName);
    const program = ts.createProgram([...files.keys()], options, host);
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(diagnostics).toEqual([]);
  });
});
