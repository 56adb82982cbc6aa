import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatJson, type JsonReport } from './json.js';
import { CYCLE, HARDCODED, MISSING_TIMEOUT, PLAIN, ROOT, sampleResult } from './test-data.js';

const parse = (text: string): JsonReport => JSON.parse(text) as JsonReport;

describe('json', () => {
  it('has the interfaces.md shape with 1-based positions and root-relative paths', () => {
    const report = parse(formatJson(sampleResult(), PLAIN));
    expect(report.version).toBe(1);
    expect(report.root).toBe('.');
    expect(report.services).toEqual([
      { name: 'inventory', root: 'services/inventory' },
      { name: 'orders', root: 'services/orders' },
    ]);
    expect(report.findings[1]).toEqual({
      ruleId: 'missing-timeout',
      severity: 'warning',
      message: MISSING_TIMEOUT.message,
      file: 'services/orders/src/app.ts',
      line: 4,
      column: 21,
      endLine: 4,
      endColumn: 59,
      related: [{ file: 'services/inventory/src/server.ts', line: 3, column: 1, message: 'handler of GET /items/:id' }],
      fixable: 'safe',
    });
    expect(Object.keys(report.findings[0]!)).toEqual([
      'ruleId', 'severity', 'message', 'file', 'line', 'column', 'endLine', 'endColumn', 'related', 'fixable',
    ]);
  });

  it('converts multi-line ranges and CRLF files to exclusive end columns', () => {
    const [cycle, hardcoded] = parse(formatJson(sampleResult([CYCLE, HARDCODED]), PLAIN)).findings;
    expect(cycle).toMatchObject({ line: 3, column: 1, endLine: 4, endColumn: 2, fixable: 'none', related: [] });
    expect(hardcoded).toMatchObject({ file: 'services/inventory/src/server.ts', line: 4, column: 12, endLine: 4, endColumn: 16, fixable: 'unsafe' });
  });

  it('gives the root relative to the working directory when run from elsewhere', () => {
    expect(parse(formatJson(sampleResult(), { ...PLAIN, cwd: path.dirname(ROOT) })).root).toBe('shop');
  });

  it('is valid JSON with no findings', () => {
    expect(parse(formatJson(sampleResult([]), PLAIN)).findings).toEqual([]);
  });
});
