import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, formatGithub } from './github.js';
import { PLAIN, ROOT, sampleResult } from './test-data.js';

describe('github', () => {
  it('writes one workflow command per finding, info as a notice', () => {
    expect(formatGithub(sampleResult(), PLAIN).split('\n')).toEqual([
      '::error file=services/orders/src/app.ts,line=3,col=1,endLine=4,endColumn=2,title=cyclic-service-dependency::' +
        'orders → inventory → orders is a cycle:%0Athe services cannot be deployed independently.',
      '::warning file=services/orders/src/app.ts,line=4,col=21,endLine=4,endColumn=59,title=missing-timeout::' +
        'GET inventory/items/:id has no timeout: 50%25 of "slow" calls, <never> ending & retried.',
      '::notice file=services/inventory/src/server.ts,line=4,col=12,endLine=4,endColumn=16,title=hardcoded-endpoint::Port 3000, host: hardcoded',
      '',
    ]);
  });

  it('uses paths relative to the working directory (the checkout in a workflow)', () => {
    const output = formatGithub(sampleResult(), { ...PLAIN, cwd: path.dirname(ROOT) });
    expect(output).toContain('file=shop/services/orders/src/app.ts,');
  });

  it("escapes data and properties by GitHub's rules", () => {
    expect(escapeData('50% a\r\nb: c, d')).toBe('50%25 a%0D%0Ab: c, d');
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });

  it('prints nothing when there are no findings', () => {
    expect(formatGithub(sampleResult([]), PLAIN)).toBe('');
  });
});
