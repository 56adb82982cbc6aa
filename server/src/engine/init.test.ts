// `seamlint init` on small real workspaces: the config it writes carries each service's evidence as comments above the
// entry, and stays JSONC that seamlint's own config loader accepts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, type ParseError } from 'jsonc-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { allRules } from '../../../rules/index.js';
import { writeFiles } from '../../../rules/testing/rule-tester.js';
import { writeInitialConfig } from './init.js';
import { loadConfig } from './report/index.js';

const roots: string[] = [];
afterEach(() => roots.splice(0).forEach((root) => rmSync(root, { recursive: true, force: true })));

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'seamlint-init-'));
  roots.push(root);
  writeFiles(root, files);
  return root;
}

const listens = "import express from 'express';\nconst app = express();\napp.listen(Number(process.env.PORT ?? 3000));\n";

describe('seamlint init', () => {
  it('writes each detected service with its evidence as // comments above its entry', async () => {
    const root = workspace({
      'package.json': JSON.stringify({ name: 'shop', private: true, workspaces: ['services/*'] }),
      'docker-compose.yml': 'services:\n  orders:\n    build: ./services/orders\n    ports: ["3000:3000"]\n',
      'services/orders/package.json': JSON.stringify({ name: '@shop/orders' }),
      'services/orders/src/main.ts': listens,
      'services/billing/package.json': JSON.stringify({ name: '@shop/billing' }),
      'services/billing/src/main.ts': listens,
    });
    const { text } = await writeInitialConfig(root);
    const errors: ParseError[] = [];
    const config = parse(text, errors, { allowTrailingComma: false }) as { services: Record<string, { root: string }> };
    expect(errors).toEqual([]);
    expect(Object.keys(config.services)).toEqual(['billing', 'orders']);
    expect(text).toMatch(/\n {4}\/\/ [^\n]*docker compose service "orders"[^\n]*\n( {4}\/\/ [^\n]*\n)* {4}"orders": \{\n {6}"root": "services\/orders",/);
    expect(text).toMatch(/\n {4}\/\/ [^\n]*http-server entrypoint[^\n]*\n {4}"billing": \{/);
    // What the user reads first: that this list now decides, and what to do with it.
    expect(text).toContain('// Detected by seamlint init, each with its evidence.');
    expect(loadConfig(root, undefined, allRules).config.services).toMatchObject({ orders: { root: 'services/orders' }, billing: { root: 'services/billing' } });
  });

  it('with no services, writes an empty list with a comment saying how to fill it in, and the file still loads', async () => {
    const root = workspace({ 'package.json': JSON.stringify({ name: 'tools' }), 'src/index.ts': 'export const answer = 42;\n' });
    const { text } = await writeInitialConfig(root);
    expect(text).toContain('  // seamlint init found no services: list them here');
    expect(text).toContain('  "services": {},\n');
    expect(loadConfig(root, undefined, allRules).config.services).toEqual({});
  });
});
