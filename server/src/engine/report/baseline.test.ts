import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Finding } from '../types.js';
import { applyBaseline, readBaseline, writeBaseline, type Baseline } from './baseline.js';
import { ConfigError } from './config-error.js';
import { assignFingerprints } from './fingerprint.js';

const root = '/w';
const checkout = '/w/services/orders/src/checkout.ts';
const stock = '/w/services/inventory/src/stock.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempFile(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'seamlint-baseline-'));
  dirs.push(dir);
  return path.join(dir, name);
}

/** Fingerprinted findings of `ruleId` at each line of `texts[file]` containing `needle`. */
function lint(texts: Record<string, string>, needle: string, ruleId = 'missing-timeout'): Finding[] {
  const findings: Finding[] = [];
  for (const [file, text] of Object.entries(texts)) {
    for (let start = text.indexOf(needle); start >= 0; start = text.indexOf(needle, start + 1)) {
      findings.push({ ruleId, severity: 'warning', file, start, end: start + needle.length, message: 'm', related: [], fixes: [] });
    }
  }
  return assignFingerprints(findings, root, (file) => texts[file]);
}

const lines = (...content: string[]) => content.join('\n');

describe('baseline', () => {
  const original = {
    [checkout]: lines('await fetch(inventoryUrl);', 'await fetch(pricesUrl);'),
    [stock]: lines('await fetch(ordersUrl);'),
  };

  it('writes sorted keys and fingerprints, and reads back what it wrote', () => {
    const file = tempFile('seamlint-baseline.json');
    const findings = [...lint(original, 'fetch'), ...lint(original, 'await', 'sync-call-chain')];
    writeBaseline(file, findings, root);
    const written = JSON.parse(readFileSync(file, 'utf8')) as Baseline;
    expect(Object.keys(written.files)).toEqual(['services/inventory/src/stock.ts', 'services/orders/src/checkout.ts']);
    expect(Object.keys(written.files['services/orders/src/checkout.ts']!)).toEqual(['missing-timeout', 'sync-call-chain']);
    const entry = written.files['services/orders/src/checkout.ts']!['missing-timeout']!;
    expect(entry.count).toBe(2);
    expect(entry.fingerprints).toEqual([...entry.fingerprints].sort());
    expect(readFileSync(file, 'utf8').endsWith('}\n')).toBe(true);
    expect(readBaseline(file)).toEqual(written);
    expect(applyBaseline(findings, readBaseline(file), root)).toEqual([]);
  });

  it('is byte-for-byte identical when regenerated from the same findings in another order', () => {
    const first = tempFile('a.json');
    const second = tempFile('b.json');
    const findings = lint(original, 'fetch');
    writeBaseline(first, findings, root);
    writeBaseline(second, [...findings].reverse(), root);
    expect(readFileSync(second, 'utf8')).toBe(readFileSync(first, 'utf8'));
  });

  it('surfaces a new finding while the baselined ones stay hidden after lines move', () => {
    const file = tempFile('baseline.json');
    writeBaseline(file, lint(original, 'fetch'), root);
    const edited: Record<string, string> = {
      [checkout]: lines('import { fetch } from "undici";', 'await fetch(inventoryUrl);', 'await fetch(pricesUrl);', 'await fetch(taxUrl);'),
      [stock]: lines('', 'await fetch(ordersUrl);'),
    };
    const remaining = applyBaseline(lint(edited, 'fetch('), readBaseline(file), root);
    expect(remaining.map((finding) => [finding.file, edited[finding.file]!.slice(finding.start, finding.start + 20)])).toEqual([
      [checkout, 'fetch(taxUrl);'],
    ]);
  });

  it('uses the count as the budget when baselined lines were edited', () => {
    const file = tempFile('baseline.json');
    writeBaseline(file, lint(original, 'fetch'), root);
    // Both baselined lines in checkout.ts changed text (new fingerprints): two findings, two in the budget.
    const edited = { [checkout]: lines('await fetch(inventoryUrl, {});', 'await fetch(pricesUrl, {});'), [stock]: original[stock]! };
    expect(applyBaseline(lint(edited, 'fetch'), readBaseline(file), root)).toEqual([]);
    // A third finding exceeds the budget: one surfaces (the last by position, as nothing tells which is new).
    const grown: Record<string, string> = { ...edited, [checkout]: lines(edited[checkout]!, 'await fetch(taxUrl, {});') };
    const remaining = applyBaseline(lint(grown, 'fetch'), readBaseline(file), root);
    expect(remaining.map((finding) => grown[finding.file]!.slice(finding.start, finding.start + 14))).toEqual(['fetch(taxUrl, ']);
  });

  it('keeps findings of other rules and files', () => {
    const file = tempFile('baseline.json');
    writeBaseline(file, lint({ [checkout]: original[checkout]! }, 'fetch'), root);
    const other = [...lint(original, 'await', 'sync-call-chain'), ...lint({ [stock]: original[stock]! }, 'fetch')];
    expect(applyBaseline(other, readBaseline(file), root)).toEqual(other);
  });

  it('rejects a missing, broken or foreign baseline file with one line', () => {
    const missing = tempFile('missing.json');
    expect(() => readBaseline(missing)).toThrow(
      new ConfigError(`${missing}: baseline file not found (create it with --update-baseline)`),
    );
    const broken = tempFile('broken.json');
    writeFileSync(broken, '{\n  "version": 1,\n  "files": {\n}');
    expect(() => readBaseline(broken)).toThrow(`${broken}:4:2: invalid JSON: expected '}'`);
    const foreign = tempFile('foreign.json');
    writeFileSync(foreign, '{ "version": 2, "files": {} }');
    expect(() => readBaseline(foreign)).toThrow(`${foreign}: not a seamlint baseline: unsupported version 2 (expected 1)`);
    writeFileSync(foreign, '{ "version": 1, "files": { "a.ts": { "x": { "count": "2" } } } }');
    expect(() => readBaseline(foreign)).toThrow(
      `${foreign}: not a seamlint baseline: files["a.ts"]["x"] must be { "count": <integer>, "fingerprints": [<string>…] }`,
    );
  });
});
