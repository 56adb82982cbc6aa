import { describe, expect, it } from 'vitest';
import { Timings } from './timings.js';

describe('Timings', () => {
  it('sums each phase and each rule, and lists the slowest rules first with their share', async () => {
    const timings = new Timings();
    expect(timings.time('parse', () => 42)).toBe(42);
    await timings.timeAsync('discover', async () => undefined);
    timings.time('parse', () => undefined);
    timings.addRule('missing-timeout', 10);
    timings.addRule('sync-call-chain', 30);
    timings.addRule('missing-timeout', 10);
    expect([...timings.phases.keys()]).toEqual(['parse', 'discover']);
    expect(timings.rules).toEqual(new Map([['missing-timeout', 20], ['sync-call-chain', 30]]));
    const rows = timings.format().trim().split('\n');
    expect(rows.slice(-2)).toEqual([expect.stringMatching(/^sync-call-chain\s+30\s+60\.0%$/), expect.stringMatching(/^missing-timeout\s+20\s+40\.0%$/)]);
  });

  it('records a phase that throws', () => {
    const timings = new Timings();
    expect(() => timings.time('link', () => { throw new Error('boom'); })).toThrow('boom');
    expect(timings.phases.has('link')).toBe(true);
  });
});
