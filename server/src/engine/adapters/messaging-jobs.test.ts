import { describe, expect, it } from 'vitest';
import { factsOf, slice } from '../facts/testing.js';
import { consumersOf } from './messaging-testing.js';

const lines = (...text: string[]): string => text.join('\n');

/** [scope, queue, discarding property, attempts] */
function jobOptions(text: string): Array<[string, string | undefined, string | undefined, string | undefined]> {
  return factsOf(text).jobOptions.map((fact) => [
    fact.scope,
    fact.queue && slice(text, fact.queue),
    fact.discardsFailed && slice(text, fact.discardsFailed.option),
    fact.attempts && slice(text, fact.attempts),
  ]);
}

describe('BullMQ', () => {
  it('reads removeOnFail and attempts from job options, queue defaults and worker settings', () => {
    const text = lines(
      "import { Queue, Worker } from 'bullmq';",
      'const connection = { host: "redis" };',
      "const emails = new Queue('emails', { connection, defaultJobOptions: { attempts: 3, removeOnFail: 0 } });",
      "await emails.add('welcome', { to: 'a@b.c' }, { attempts: 5, removeOnFail: true });",
      "await emails.add('receipt', {}, { removeOnFail: { age: 3600 } });",
      "await emails.addBulk([{ name: 'digest', data: {}, opts: { removeOnFail: { count: 0 } } }]);",
      "new Worker('emails', async (job) => send(job.data), { connection, removeOnFail: { count: 1000 } });",
      'declare function send(data: unknown): Promise<void>;',
    );
    expect(jobOptions(text)).toEqual([
      ['queue-defaults', "'emails'", 'removeOnFail: 0', '3'],
      ['job', "'emails'", 'removeOnFail: true', '5'],
      ['job', "'emails'", 'removeOnFail: { count: 0 }', undefined],
    ]);
    expect(factsOf(text).jobOptions[1]!.discardsFailed!.keep).toBe('{ age: 7 * 24 * 3600 }');
  });

  it('finds workers as consumers of their queue, and an attemptsMade check', () => {
    const text = lines(
      "import { Worker, type Job } from 'bullmq';",
      "const worker = new Worker('emails', async (job: Job) => { if (job.attemptsMade > 3) return; await send(job.data); });",
      "new Worker('reports', './processor.js');",
      'declare function send(data: unknown): Promise<void>;',
      'export { worker };',
    );
    expect(consumersOf(text)).toEqual([
      { library: 'bullmq', at: expect.stringContaining("new Worker('emails'") as string, sources: ["'emails'"], ack: 'library', counted: true },
      { library: 'bullmq', at: "new Worker('reports', './processor.js')", sources: ["'reports'"], ack: 'library' },
    ]);
  });

  it('reads NestJS BullModule queue registrations', () => {
    const text = lines(
      "import { BullModule } from '@nestjs/bullmq';",
      "export const queues = BullModule.registerQueue({ name: 'invoices', defaultJobOptions: { removeOnFail: true } });",
    );
    expect(jobOptions(text)).toEqual([['queue-defaults', "'invoices'", 'removeOnFail: true', undefined]]);
  });
});

describe('Bull', () => {
  it('reads queue defaults (with and without a Redis URL), add(data, opts), add(name, data, opts), and process() consumers', () => {
    const text = lines(
      "import Queue from 'bull';",
      "const images = new Queue('images', 'redis://redis:6379', { defaultJobOptions: { removeOnFail: true } });",
      "const pdfs = Queue('pdfs', { defaultJobOptions: { attempts: 2 } });",
      'await images.add({ id: 1 }, { removeOnFail: true });',
      "await images.add('thumbnail', { id: 1 }, { attempts: 3 });",
      "await images.add('resize', { id: 2 });",
      'images.process(async (job) => resize(job.data));',
      "pdfs.process('render', 2, async (job) => render(job.data));",
      'declare function resize(data: unknown): Promise<void>;',
      'declare function render(data: unknown): Promise<void>;',
    );
    expect(jobOptions(text)).toEqual([
      ['queue-defaults', "'images'", 'removeOnFail: true', undefined],
      ['queue-defaults', "'pdfs'", undefined, '2'],
      ['job', "'images'", 'removeOnFail: true', undefined],
      ['job', "'images'", undefined, '3'],
    ]);
    expect(consumersOf(text).map((c) => [c.library, c.sources])).toEqual([
      ['bull', ["'images'"]],
      ['bull', ["'pdfs'"]],
    ]);
  });

  it('ignores add() and process() on things that are not queues', () => {
    const text = lines('const set = new Set<string>();', "set.add('x');", "const q = { add: (a: object, b: object) => [a, b], process: (f: () => void) => f };", 'q.add({}, { removeOnFail: true });', 'q.process(() => {});');
    expect(jobOptions(text)).toEqual([]);
    expect(consumersOf(text)).toEqual([]);
  });
});
