// The examples in a rule's docs are tests (as Biome runs its doc snippets): under "## Examples", every ```ts block after
// "Flagged:" must produce exactly one finding of the rule, and every block after "Fine:" none. Each block is analyzed as
// one file of a service, by the real engine.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/engine/analyze.js';
import type { RuleMeta } from '../../server/src/engine/rule-api.js';
import { writeFiles } from './rule-tester.js';

export function docExamples(rule: RuleMeta): void {
  const docs = readFileSync(join(__dirname, '..', 'docs', `${rule.id}.md`), 'utf8');
  const examples = docs.split('\n## Examples\n')[1]?.split('\n## ')[0] ?? '';
  const [flaggedPart = '', finePart = ''] = examples.split('\nFine:\n');
  describe(`${rule.id} docs examples`, () => {
    it('has flagged and fine examples', () => {
      expect(codeBlocks(flaggedPart).length).toBeGreaterThan(0);
      expect(codeBlocks(finePart).length).toBeGreaterThan(0);
    });
    codeBlocks(flaggedPart).forEach((code, index) => {
      it(`flagged example ${index + 1} produces exactly one finding`, async () => {
        expect(await findingsFor(rule, code)).toHaveLength(1);
      });
    });
    codeBlocks(finePart).forEach((code, index) => {
      it(`fine example ${index + 1} produces no finding`, async () => {
        expect(await findingsFor(rule, code)).toEqual([]);
      });
    });
  });
}

function codeBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
}

async function findingsFor(rule: RuleMeta, code: string): Promise<string[]> {
  const root = mkdtempSync(join(tmpdir(), 'seamlint-docs-'));
  try {
    writeFiles(root, {
      'seamlint.config.json': JSON.stringify({ rules: { [rule.id]: rule.severity === 'off' ? 'warning' : rule.severity } }),
      'services/app/package.json': JSON.stringify({ name: '@example/app' }),
      'services/app/src/example.ts': code,
    });
    const result = await analyze({ paths: [root], onlyRules: [rule.id] });
    return result.findings.map((finding) => finding.message);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
