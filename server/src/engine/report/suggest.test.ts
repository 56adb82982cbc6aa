import { describe, expect, it } from 'vitest';
import { closestMatch, didYouMean, quotedList } from './suggest.js';

const ruleIds = ['missing-timeout', 'sync-call-chain', 'sequential-remote-calls', 'remote-call-in-loop', 'unused-suppression'];

describe('closestMatch', () => {
  it('finds typos within a small edit distance, ignoring case', () => {
    expect(closestMatch('missing-timout', ruleIds)).toBe('missing-timeout');
    expect(closestMatch('Remote-Call-In-Loop', ruleIds)).toBe('remote-call-in-loop');
    expect(closestMatch('eror', ['error', 'warning', 'info', 'off'])).toBe('error');
  });

  it('finds prefixes and hyphenated words', () => {
    expect(closestMatch('warn', ['error', 'warning', 'info', 'off'])).toBe('warning');
    expect(closestMatch('sync-chain', ruleIds)).toBe('sync-call-chain');
    expect(closestMatch('timeout', ruleIds)).toBe('missing-timeout');
  });

  it('suggests nothing for unrelated or very short input', () => {
    expect(closestMatch('no-such-thing', ruleIds)).toBeUndefined();
    expect(closestMatch('x', ['error', 'warning', 'info', 'off'])).toBeUndefined();
  });

  it('prefers the smallest edit over a prefix', () => {
    expect(closestMatch('info', ['informational', 'inf0'])).toBe('inf0');
  });
});

describe('message helpers', () => {
  it('formats suggestions and lists', () => {
    expect(didYouMean('servics', ['services', 'rules'])).toBe('; did you mean "services"?');
    expect(didYouMean('zzz', ['services', 'rules'])).toBe('');
    expect(quotedList(['a'])).toBe('"a"');
    expect(quotedList(['a', 'b', 'c'])).toBe('"a", "b" or "c"');
  });
});
