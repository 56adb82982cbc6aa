// Every rule: registered once, its id matches its file name, it has a docs page with the standard sections, and its
// docs URL points at that page (as typescript-eslint checks its rules).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docsUrlFor } from '../server/src/engine/rule-api.js';
import { allRules } from './index.js';

const rulesDir = __dirname;
const SECTIONS = ['## What it finds', '## Why it matters', '## Examples', '## How to fix', '## Options', '## When not to use it'];

describe('rule registry', () => {
  const ruleFiles = readdirSync(rulesDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts');

  it('registers every rule file exactly once, under its file name', () => {
    expect(allRules.map((r) => `${r.id}.ts`).sort()).toEqual(ruleFiles.sort());
    expect(new Set(allRules.map((r) => r.id)).size).toBe(allRules.length);
  });

  for (const rule of allRules) {
    describe(rule.id, () => {
      it('has a kebab-case id, a one-sentence description and a docs URL derived from the id', () => {
        expect(rule.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
        expect(rule.description).toMatch(/^[A-Z].*\.$/);
        expect(rule.docsUrl).toBe(docsUrlFor(rule.id));
        expect(rule.docsUrl.endsWith(`/rules/docs/${rule.id}.md`)).toBe(true);
      });

      it('has a docs page with every section, naming its severity and fix kind', () => {
        const docsPath = join(rulesDir, 'docs', `${rule.id}.md`);
        expect(existsSync(docsPath)).toBe(true);
        const docs = readFileSync(docsPath, 'utf8');
        expect(docs.startsWith(`# ${rule.id}\n`)).toBe(true);
        for (const section of SECTIONS) expect(docs).toContain(section);
        expect(docs).toContain(`**Default severity:** ${rule.severity}`);
        expect(docs).toContain(`**Fix:** ${rule.fix}`);
      });

      it('describes every option, with its default, in the docs', () => {
        const docs = readFileSync(join(rulesDir, 'docs', `${rule.id}.md`), 'utf8');
        for (const [name, option] of Object.entries(rule.options)) {
          expect(option.description.length).toBeGreaterThan(10);
          expect(docs).toContain(`\`${name}\``);
        }
      });
    });
  }

  it('has no docs page without a rule', () => {
    const pages = readdirSync(join(rulesDir, 'docs')).map((f) => f.replace(/\.md$/, ''));
    expect(pages.sort()).toEqual(allRules.map((r) => r.id).sort());
  });
});
