import { describe, expect, it } from 'vitest';
import { styleMarkdown } from './markdown-terminal.js';
import { createProgress } from './progress.js';
import { closestMatch } from './suggest.js';

describe('closestMatch', () => {
  const ids = ['missing-timeout', 'sync-call-chain', 'sequential-remote-calls'];
  it('suggests near misses and containing ids, nothing for unrelated words', () => {
    expect(closestMatch('missing-timout', ids)).toBe('missing-timeout');
    expect(closestMatch('SYNC-CALL-CHAIN', ids)).toBe('sync-call-chain');
    expect(closestMatch('sequential', ids)).toBe('sequential-remote-calls');
    expect(closestMatch('kafka', ids)).toBeUndefined();
  });
});

describe('progress', () => {
  it('stays silent for the first second and on non-terminals, and erases its line when done', () => {
    let clock = 0;
    let written = '';
    const progress = createProgress({ write: (text: string) => (written += text) }, true, () => clock);
    progress.report('discovering services');
    expect(written).toBe('');
    clock = 1500;
    progress.report('parsing 12 files');
    expect(written).toBe('\r\x1b[2Kparsing 12 files');
    progress.done();
    expect(written).toBe('\r\x1b[2Kparsing 12 files\r\x1b[2K');

    let notTerminal = '';
    const silent = createProgress({ write: (text: string) => (notTerminal += text) }, false, () => clock + 5000);
    silent.report('running rules');
    silent.done();
    expect(notTerminal).toBe('');
  });
});

describe('styleMarkdown', () => {
  it('returns the markdown unchanged without colour', () => {
    expect(styleMarkdown('# Title\n`code`', false)).toBe('# Title\n`code`');
  });

  it('styles headings, inline code and fenced code on a terminal', () => {
    const styled = styleMarkdown('# Title\n## Why\nuse `fetch`\n```ts\nconst x = 1;\n```', true).split('\n');
    expect(styled[0]).toBe('\x1b[1m\x1b[4mTitle\x1b[24m\x1b[22m');
    expect(styled[1]).toBe('\x1b[1mWhy\x1b[22m');
    expect(styled[2]).toBe('use \x1b[36mfetch\x1b[39m');
    expect(styled[4]).toBe('\x1b[36mconst x = 1;\x1b[39m');
  });
});
