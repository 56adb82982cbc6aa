// Input that breaks parsers must not break the server: a file full of syntax errors, 10,000 nested parentheses (deeper
// than TypeScript's recursive parser goes), a file over the size limit and binary content. The server keeps answering,
// says what it skipped (console and status), and an ordinary file still gets its diagnostics — updated after an edit.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HoverRequest } from 'vscode-languageserver-protocol';
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
