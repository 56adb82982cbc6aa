// The README's rules table is generated from the registry; this test fails when they drift.
// Regenerate with `UPDATE_README=1 npx vitest run test/readme.test.ts`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { allRules } from '../rules/index.js';

const README = join(__dirname, '..', 'README.md');
const START = '<!-- rules-table:start (generated from the registry by test/readme.test.ts) -->';
const END = '<!-- rules-table:end -->';

function renderRulesTable(): string {
  const rows = allRules.map((rule) => `| [\`${rule.id}\`](rules/docs/${rule.id}.md) | ${rule.category} | ${rule.severity} | ${rule.fix} | ${rule.description} |`);
  return ['| Rule | Category | Default | Fix | What it checks |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

it('README rules table matches the registry', () => {
  const readme = readFileSync(README, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  expect(start, 'README has the rules-table markers').toBeGreaterThan(-1);
  expect(end).toBeGreaterThan(start);
  const expected = `${readme.slice(0, start + START.length)}\n${renderRulesTable()}\n${readme.slice(end)}`;
  if (process.env.UPDATE_README === '1') writeFileSync(README, expected);
  expect(readme).toBe(expected);
});
