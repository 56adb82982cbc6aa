// The facts and results caches in node_modules/.cache/seamlint: reused when nothing changed, invalidated by a file
// edit, a config edit or another seamlint build, and a corrupted cache file is ignored and rewritten.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFiles } from '../rules/testing/rule-tester.js';
import { analyze } from '../server/src/engine/analyze.js';

const roots: string[] = [];
afterEach(() => roots.splice(0).forEach((root) => rmSync(root, { recursive: true, force: true })));

function workspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'seamlint-cache-'));
  roots.push(root);
  writeFiles(root, {
    'services/orders/package.json': '{ "name": "@shop/orders" }',
    'services/orders/src/a.ts': "export const price = async () => { await fetch('http://pricing:3000/prices', { signal: AbortSignal.timeout(1000) }); };\n",
  });
  return root;
}

async function run(root: string) {
  const progress: string[] = [];
  const result = await analyze({ paths: [root], cache: true, onProgress: (message) => progress.push(message) });
  return { result, cached: progress.includes('using cached results'), rules: result.findings.map((f) => f.ruleId) };
}

const cacheFile = (root: string, name: string) => join(root, 'node_modules', '.cache', 'seamlint', name);

describe('analysis cache', () => {
  it('reuses the results of an unchanged workspace, with the same findings', async () => {
    const root = workspace();
    const first = await run(root);
    expect(first.cached).toBe(false);
    expect(existsSync(cacheFile(root, 'results.json'))).toBe(true);
    expect(existsSync(cacheFile(root, 'facts.json'))).toBe(true);
    const second = await run(root);
    expect(second.cached).toBe(true);
    expect(second.result.findings).toEqual(first.result.findings);
    // The summary line's counts are cached with the findings, so the CLI prints them without building the model.
    expect(second.result.summary).toEqual({ services: 1, edges: 0, unresolved: 1, files: 1 });
    expect(second.result.summary).toEqual(first.result.summary);
    // The model is still there for whoever asks (built lazily from cached facts).
    expect(second.result.model.services.map((s) => s.name)).toEqual(['orders']);
  });

  it('is invalidated by a file edit, and reuses the facts of unchanged files', async () => {
    const root = workspace();
    await run(root);
    writeFileSync(join(root, 'services/orders/src/b.ts'), "export const stock = () => fetch('http://localhost:4000/stock', { signal: AbortSignal.timeout(1000) });\n");
    const edited = await run(root);
    expect(edited.cached).toBe(false);
    expect(edited.rules.filter((r) => r === 'hardcoded-endpoint')).toHaveLength(2);
    const facts = JSON.parse(readFileSync(cacheFile(root, 'facts.json'), 'utf8')) as { files: Record<string, unknown> };
    expect(Object.keys(facts.files).sort()).toEqual([join(root, 'services/orders/src/a.ts'), join(root, 'services/orders/src/b.ts')]);
  });

  it('is invalidated by a config edit', async () => {
    const root = workspace();
    expect((await run(root)).rules).toContain('hardcoded-endpoint');
    writeFileSync(join(root, 'seamlint.config.json'), '{ "rules": { "hardcoded-endpoint": "off" } }');
    const reconfigured = await run(root);
    expect(reconfigured.cached).toBe(false);
    expect(reconfigured.rules).not.toContain('hardcoded-endpoint');
  });

  it('is invalidated by a Prisma schema edit (the persistence rules read it)', async () => {
    const root = workspace();
    mkdirSync(join(root, 'services/orders/prisma'), { recursive: true });
    writeFileSync(join(root, 'services/orders/prisma/schema.prisma'), 'model Order {\n  id String @id\n}\n');
    await run(root);
    expect((await run(root)).cached).toBe(true);
    writeFileSync(join(root, 'services/orders/prisma/schema.prisma'), 'model Order {\n  id String @id\n  @@map("orders")\n}\n');
    expect((await run(root)).cached).toBe(false);
  });

  it('ignores caches written by another seamlint build', async () => {
    const root = workspace();
    await run(root);
    for (const name of ['results.json', 'facts.json']) {
      const path = cacheFile(root, name);
      writeFileSync(path, readFileSync(path, 'utf8').replace(/"build":"[^"]*"/, '"build":"0.0.1+elsewhere"'));
    }
    expect((await run(root)).cached).toBe(false);
    expect(readFileSync(cacheFile(root, 'results.json'), 'utf8')).not.toContain('0.0.1+elsewhere');
  });

  it('ignores a corrupted cache file and rebuilds it', async () => {
    const root = workspace();
    const first = await run(root);
    writeFileSync(cacheFile(root, 'results.json'), '{"build": "trunc');
    writeFileSync(cacheFile(root, 'facts.json'), Buffer.from([0, 1, 2, 255]));
    const rebuilt = await run(root);
    expect(rebuilt.cached).toBe(false);
    expect(rebuilt.result.findings).toEqual(first.result.findings);
    expect(JSON.parse(readFileSync(cacheFile(root, 'results.json'), 'utf8'))).toHaveProperty('findings');
    expect((await run(root)).cached).toBe(true);
  });

  it('is not used unless asked for (the CLI asks unless --no-cache)', async () => {
    const root = workspace();
    await analyze({ paths: [root] });
    expect(existsSync(join(root, 'node_modules'))).toBe(false);
  });
});

describe('facts are plain data', () => {
  it('every fact of the example system survives the JSON round trip of the cache', async () => {
    const { model } = await analyze({ paths: [join(__dirname, '..', 'test-fixtures', 'shop')], onlyRules: [] });
    for (const file of model.files.values()) expect(JSON.parse(JSON.stringify(file.facts)), file.relativePath).toEqual(file.facts);
  });
});
