// Bad input never stops a run: each broken file is skipped or analyzed best-effort, and a normal file next to it
// still gets its findings.
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { analyze } from '../server/src/engine/analyze.js';
import { writeFiles } from '../rules/testing/rule-tester.js';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function workspaceWith(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'seamlint-robust-'));
  roots.push(root);
  writeFiles(root, {
    'services/orders/package.json': '{ "name": "@shop/orders" }',
    // Only a hardcoded endpoint: the call has a timeout and its response is not used.
    'services/orders/src/normal.ts': "export async function ping() {\n  await fetch('http://pricing:3000/ping', { signal: AbortSignal.timeout(1000) });\n}\n",
    ...files,
  });
  return root;
}

async function findingsOf(root: string) {
  const result = await analyze({ paths: [root] });
  return { result, normal: result.findings.filter((f) => f.file.endsWith('normal.ts')).map((f) => f.ruleId) };
}

describe('robustness of a whole run', () => {
  it('a syntax error is analyzed best-effort', async () => {
    const root = workspaceWith({ 'services/orders/src/broken.ts': "export const x = fetch('http://inventory:3000/items', {\nexport function (\n" });
    const { normal } = await findingsOf(root);
    expect(normal).toEqual(['hardcoded-endpoint']);
  });

  it('10,000 nested parentheses are skipped with a problem', async () => {
    const root = workspaceWith({ 'services/orders/src/deep.ts': `export const x = ${'('.repeat(10_000)}1${')'.repeat(10_000)};\n` });
    const { result, normal } = await findingsOf(root);
    expect(normal).toEqual(['hardcoded-endpoint']);
    expect(result.problems.some((p) => p.file?.endsWith('deep.ts') && p.message.includes('too deeply nested'))).toBe(true);
  });

  it('a binary file named .ts is skipped with a problem', async () => {
    const root = workspaceWith({});
    writeFileSync(join(root, 'services/orders/src/image.ts'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a, 0x0a, 0xff]));
    const { result, normal } = await findingsOf(root);
    expect(normal).toEqual(['hardcoded-endpoint']);
    expect(result.problems).toContainEqual({ file: join(root, 'services/orders/src/image.ts'), message: 'skipped: binary content' });
  });

  it('non-UTF-8 bytes, a BOM and CRLF line endings', async () => {
    const root = workspaceWith({});
    writeFileSync(join(root, 'services/orders/src/latin1.ts'), Buffer.concat([Buffer.from("// caf"), Buffer.from([0xe9]), Buffer.from("\r\nexport const u = () => fetch('http://stock:8080/x', { signal: AbortSignal.timeout(1000) });\r\n")]));
    writeFileSync(join(root, 'services/orders/src/bom.ts'), `\uFEFFexport const v = () => fetch('http://localhost:9000/y', { signal: AbortSignal.timeout(1000) });\r\n`);
    const { result, normal } = await findingsOf(root);
    expect(normal).toEqual(['hardcoded-endpoint']);
    const lines = result.findings.filter((f) => f.ruleId === 'hardcoded-endpoint' && !f.file.endsWith('normal.ts')).map((f) => `${f.file.split('/').pop()}:${result.model.file(f.file)!.lines.positionAt(f.start).line + 1}`);
    expect(lines.sort()).toEqual(['bom.ts:1', 'latin1.ts:2']);
  });

  it('a tsconfig whose extends is missing, and a symlink loop', async () => {
    const root = workspaceWith({ 'services/orders/tsconfig.json': '{ "extends": "./does-not-exist.json", "compilerOptions": { "strict": true } }' });
    symlinkSync(join(root, 'services'), join(root, 'services/orders/src/loop'));
    const { normal } = await findingsOf(root);
    expect(normal).toEqual(['hardcoded-endpoint']);
  });
});
