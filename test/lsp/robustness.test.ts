// Input that breaks parsers must not break the server: a file full of syntax errors, 10,000 nested parentheses (deeper
// than TypeScript's recursive parser goes), a file over the size limit and binary content. The server keeps answering,
// says what it skipped (console and status), and an ordinary file still gets its diagnostics — updated after an edit.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileChangeType, HoverRequest } from 'vscode-languageserver-protocol';
import { HOSTILE, HOSTILE_FINDING_LINES, writeHostileFiles } from '../support/hostile-files.js';
import { copyShop, ensureServerBuilt, removeShopCopies } from './support/build.js';
import { TestClient } from './support/lsp-client.js';

const CLIENTS = 'services/gateway/src/clients.ts';
const BROKEN = 'services/gateway/src/broken.ts';
const NESTED = 'services/gateway/src/nested.ts';
const HUGE = 'services/gateway/src/huge.ts';
const BINARY = 'services/gateway/src/binary.ts';

beforeAll(ensureServerBuilt, 180_000);
afterAll(removeShopCopies);

describe('robustness', () => {
  let client: TestClient;

  beforeAll(async () => {
    client = await TestClient.start(copyShop(), { pull: false });
    await client.waitUntilReady();
  });
  afterAll(() => client?.stop());

  it('keeps serving after files that break the parser', async () => {
    await client.open(BROKEN, "import axios from 'axios';\nexport const = (((;\nfunction {\n  await axios.get('http://localhost:1/x'\n");
    await client.open(NESTED, `export const x = ${'('.repeat(10_000)}1${')'.repeat(10_000)};\n`);
    await client.open(HUGE, `// ${'x'.repeat(9 * 1024 * 1024)}\n`);
    await client.open(BINARY, 'const a = 1;\u0000\u0000\u0000');
    for (const file of [BROKEN, NESTED]) {
      const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: client.uri(file) }, position: { line: 0, character: 20 } });
      expect(hover).toBeNull();
    }
    const status = await client.waitFor('the skipped files in the status', () => {
      const last = client.statuses.at(-1);
      const messages = last?.problems.map((p) => p.message) ?? [];
      return messages.includes('skipped: too deeply nested for the TypeScript parser') && messages.includes('skipped: binary content') ? last : undefined;
    });
    expect(status.problems.some((p) => p.file === client.path(HUGE) && p.message.includes('MB limit'))).toBe(true);
    expect(status.errors).toEqual([]);
    expect(client.logs.some((line) => line.includes('nested.ts: skipped: too deeply nested'))).toBe(true);
    expect(client.alive).toBe(true);
  });

  it('still analyzes an ordinary file, and follows its edits', async () => {
    await client.open(CLIENTS);
    await client.waitForDiagnostics(CLIENTS, (list) => list.some((d) => d.code === 'missing-timeout'));
    const text = readFileSync(client.path(CLIENTS), 'utf8');
    await client.change(CLIENTS, text.replace("headers: { 'x-caller': 'gateway' },\n});", "headers: { 'x-caller': 'gateway' },\n  timeout: 5_000,\n});"));
    await client.waitForDiagnostics(CLIENTS, (list) => !list.some((d) => d.code === 'missing-timeout') && list.some((d) => d.code === 'hardcoded-endpoint'));
  });
});

describe('a workspace that holds hostile files on disk', () => {
  let client: TestClient;

  beforeAll(async () => {
    const root = copyShop();
    // Includes a tsconfig whose extends is missing (replacing orders') and a symlink loop.
    writeHostileFiles(root);
    client = await TestClient.start(root, { pull: false });
    await client.waitUntilReady(120_000);
  }, 180_000);
  afterAll(() => client?.stop());

  it('reports the files it skipped in the status, and no internal error', async () => {
    const status = await client.waitFor('the skipped files in the status', () => {
      const last = client.statuses.at(-1);
      const skipped = new Set(last?.problems.map((p) => p.file));
      return skipped.has(client.path(HOSTILE.binary)) && skipped.has(client.path(HOSTILE.nested)) ? last : undefined;
    });
    expect(status.errors).toEqual([]);
    expect(status.problems.some((p) => p.file === client.path(HOSTILE.generated))).toBe(false);
  });

  it('puts findings in non-UTF-8, BOM and CRLF files on the right lines, and still serves an ordinary file', async () => {
    for (const [file, line] of [
      [HOSTILE.latin1, HOSTILE_FINDING_LINES.latin1],
      [HOSTILE.bom, HOSTILE_FINDING_LINES.bom],
      [HOSTILE.crlf, HOSTILE_FINDING_LINES.crlf],
    ] as const) {
      const list = await client.waitForDiagnostics(file, (items) => items.some((d) => d.code === 'hardcoded-endpoint'));
      expect(list.filter((d) => d.code === 'hardcoded-endpoint').map((d) => d.range.start.line + 1), file).toEqual([line]);
    }
    await client.open(CLIENTS);
    await client.waitForDiagnostics(CLIENTS, (list) => list.some((d) => d.code === 'missing-timeout'));
  });

  it('survives files deleted before it reads them, whether or not the watcher says so', async () => {
    const folder = 'services/orders/src/churn';
    const files = Array.from({ length: 60 }, (_, i) => `${folder}/f${i}.ts`);
    mkdirSync(client.path(folder), { recursive: true });
    for (const file of files) writeFileSync(client.path(file), `export const f = () => fetch('http://billing:7000/x', { signal: AbortSignal.timeout(1) });\n`);
    for (const file of files) await client.fileChanged(file, FileChangeType.Created);
    // Gone before the debounced analysis reads them; only half of the deletions are reported.
    rmSync(client.path(folder), { recursive: true, force: true });
    for (const file of files.slice(0, 30)) await client.fileChanged(file, FileChangeType.Deleted);
    const text = readFileSync(client.path(CLIENTS), 'utf8');
    await client.change(CLIENTS, text.replace("headers: { 'x-caller': 'gateway' },\n});", "headers: { 'x-caller': 'gateway' },\n  timeout: 5_000,\n});"));
    await client.waitForDiagnostics(CLIENTS, (list) => !list.some((d) => d.code === 'missing-timeout') && list.some((d) => d.code === 'hardcoded-endpoint'));
    for (const file of files) expect(client.pushed.get(client.uri(file)) ?? [], file).toEqual([]);
    expect(client.statuses.at(-1)?.errors).toEqual([]);
    expect(client.alive).toBe(true);
  });
});
