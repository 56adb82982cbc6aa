import { describe, expect, it } from 'vitest';
import type { Finding } from '../types.js';
import { assignFingerprints } from './fingerprint.js';

const root = '/w';
const file = '/w/services/orders/src/checkout.ts';

/** Findings of `ruleId` at each occurrence of `needle` in `text`. */
function findingsAt(text: string, needle: string, ruleId = 'missing-timeout'): Finding[] {
  const findings: Finding[] = [];
  for (let start = text.indexOf(needle); start >= 0; start = text.indexOf(needle, start + 1)) {
    findings.push({ ruleId, severity: 'warning', file, start, end: start + needle.length, message: `at ${start}`, related: [], fixes: [] });
  }
  return findings;
}

const fingerprints = (text: string, findings: Finding[]) =>
  assignFingerprints(findings, root, (path) => (path === file ? text : undefined)).map((finding) => finding.fingerprint);

describe('assignFingerprints', () => {
  const before = ['async function checkout() {', '  await fetch(inventoryUrl);', '  await fetch(inventoryUrl);', '}'].join('\n');
  const after = ['import x from "x";', '', 'async function checkout() {', '    await fetch(inventoryUrl);', '  await fetch(inventoryUrl);', '}'].join('\n');

  it('gives identical lines distinct fingerprints, ranked by position', () => {
    const [first, second] = fingerprints(before, findingsAt(before, 'fetch'));
    expect(first).toMatch(/^[0-9a-f]{16}$/);
    expect(second).toMatch(/^[0-9a-f]{16}$/);
    expect(first).not.toBe(second);
  });

  it('keeps fingerprints when lines are inserted above and indentation changes', () => {
    expect(fingerprints(after, findingsAt(after, 'fetch'))).toEqual(fingerprints(before, findingsAt(before, 'fetch')));
  });

  it('does not depend on the order findings arrive in', () => {
    const findings = findingsAt(before, 'fetch');
    expect(fingerprints(before, [...findings].reverse())).toEqual(fingerprints(before, findings).reverse());
  });

  it('changes with the line text, the rule and the file', () => {
    const [original] = fingerprints(before, findingsAt(before, 'fetch'));
    const edited = before.replace('fetch(inventoryUrl)', 'fetch(stockUrl)');
    expect(fingerprints(edited, findingsAt(edited, 'fetch'))[0]).not.toBe(original);
    expect(fingerprints(before, findingsAt(before, 'fetch', 'sync-call-chain'))[0]).not.toBe(original);
    const elsewhere = findingsAt(before, 'fetch').map((finding) => ({ ...finding, file: '/w/services/billing/src/checkout.ts' }));
    expect(assignFingerprints(elsewhere, root, () => before)[0]!.fingerprint).not.toBe(original);
  });

  it('is the same for the same relative path under another root', () => {
    const moved = findingsAt(before, 'fetch').map((finding) => ({ ...finding, file: `/ci/build${finding.file.slice(2)}` }));
    expect(assignFingerprints(moved, '/ci/build', () => before).map((finding) => finding.fingerprint)).toEqual(
      fingerprints(before, findingsAt(before, 'fetch')),
    );
  });
});
