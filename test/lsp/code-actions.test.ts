// Code actions over the protocol: a quick fix's exact edit (preferred when safe), the disable-for-line and
// disable-for-file comments, "Show documentation", and source.fixAll.seamlint applying safe fixes only — with a client
// that takes versioned document edits and one that takes plain `changes`.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionRequest, type CodeAction, type Diagnostic, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-protocol';
import { copyShop, ensureServerBuilt, removeShopCopies } from './support/build.js';
import { TestClient } from './support/lsp-client.js';

const CLIENTS = 'services/gateway/src/clients.ts';
const PRICING_CLIENT = 'services/inventory/src/pricing/pricing.client.ts';

beforeAll(ensureServerBuilt, 180_000);
afterAll(removeShopCopies);

/** The edits a workspace edit makes to one document, whichever form the server chose. */
function editsFor(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  if (!edit) return [];
  if (edit.documentChanges) return edit.documentChanges.flatMap((change) => ('textDocument' in change && change.textDocument.uri === uri ? change.edits : []));
  return edit.changes?.[uri] ?? [];
}

function applied(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.ts', 'typescript', 1, text), edits);
}

describe.each([
  { mode: 'pull, versioned edits', pull: true },
  { mode: 'push, plain changes', pull: false },
])('code actions ($mode)', ({ pull }) => {
  let client: TestClient;
  let text: string;
  let diagnostics: Diagnostic[];

  const actionsAt = (range: Range, context: { diagnostics: Diagnostic[]; only?: string[] }) =>
    client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: client.uri(CLIENTS) }, range, context }) as Promise<CodeAction[]>;

  beforeAll(async () => {
    client = await TestClient.start(copyShop(), { pull, initializationOptions: { commands: { explainRule: 'seamlint.explainRule' } } });
    await client.waitUntilReady();
    text = readFileSync(client.path(CLIENTS), 'utf8');
    await client.open(CLIENTS);
    diagnostics = await client.waitForDiagnostics(CLIENTS, (list) => list.some((d) => d.code === 'missing-timeout') && list.some((d) => d.code === 'hardcoded-endpoint'));
  });
  afterAll(() => client?.stop());

  it('offers the safe fix as the preferred quick fix, with its exact edit', async () => {
    const timeout = diagnostics.find((d) => d.code === 'missing-timeout')!;
    const actions = await actionsAt(timeout.range, { diagnostics: [timeout] });
    expect(actions.map((a) => a.title)).toEqual([
      'Add `timeout: 10000`',
      'Disable missing-timeout for this line',
      'Disable missing-timeout for this file',
      'Show documentation for missing-timeout',
      // Asked without `only`, the file-wide source action is listed too (VS Code's "Source Action…" menu).
      'Fix all safe seamlint problems',
    ]);
    const fix = actions[0]!;
    expect(fix).toMatchObject({ kind: 'quickfix', isPreferred: true, diagnostics: [timeout] });
    // After `headers: { 'x-caller': 'gateway' },` of the orders client (line 7), before the closing `});`.
    expect(editsFor(fix.edit, client.uri(CLIENTS))).toEqual([{ range: { start: { line: 6, character: 37 }, end: { line: 6, character: 37 } }, newText: '\n  timeout: 10000,' }]);
    if (pull) expect(fix.edit?.documentChanges?.[0]).toMatchObject({ textDocument: { uri: client.uri(CLIENTS), version: 1 } });
    expect(actions[3]!.command).toEqual({ title: 'Show documentation for missing-timeout', command: 'seamlint.explainRule', arguments: ['missing-timeout'] });
  });

  it('does not prefer an unsafe fix', async () => {
    const hardcoded = diagnostics.find((d) => d.code === 'hardcoded-endpoint')!;
    const [fix] = await actionsAt(hardcoded.range, { diagnostics: [hardcoded] });
    expect(fix).toMatchObject({ title: 'Read the address from process.env.PAYMENTS_API_URL', isPreferred: false });
  });

  it('disables a rule for a line with an indented comment and a reason placeholder', async () => {
    const hardcoded = diagnostics.find((d) => d.code === 'hardcoded-endpoint')!;
    const actions = await actionsAt(hardcoded.range, { diagnostics: [hardcoded] });
    const line = actions.find((a) => a.title === 'Disable hardcoded-endpoint for this line')!;
    const edits = editsFor(line.edit, client.uri(CLIENTS));
    expect(edits).toEqual([{ range: { start: { line: 10, character: 0 }, end: { line: 10, character: 0 } }, newText: '  // seamlint-disable-next-line hardcoded-endpoint -- <reason>\n' }]);
    const file = actions.find((a) => a.title === 'Disable hardcoded-endpoint for this file')!;
    expect(applied(text, editsFor(file.edit, client.uri(CLIENTS))).split('\n')[0]).toBe('// seamlint-disable hardcoded-endpoint -- <reason>');
  });

  it('the disable comment suppresses the finding once written (reason filled in)', async () => {
    const hardcoded = diagnostics.find((d) => d.code === 'hardcoded-endpoint')!;
    const actions = await actionsAt(hardcoded.range, { diagnostics: [hardcoded] });
    const edits = editsFor(actions.find((a) => a.title === 'Disable hardcoded-endpoint for this line')!.edit, client.uri(CLIENTS));
    await client.change(CLIENTS, applied(text, edits).replace('<reason>', 'local payments sandbox'));
    const after = await client.waitForDiagnostics(CLIENTS, (list) => !list.some((d) => d.code === 'hardcoded-endpoint'));
    expect(after.some((d) => d.code === 'unused-suppression' || d.code === 'suppression-needs-reason')).toBe(false);
    await client.change(CLIENTS, text);
    await client.waitForDiagnostics(CLIENTS, (list) => list.some((d) => d.code === 'hardcoded-endpoint'));
  });

  it('fixes all safe problems of a file and leaves the unsafe ones', async () => {
    const actions = await actionsAt({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, { diagnostics: [], only: ['source.fixAll'] });
    expect(actions.map((a) => [a.title, a.kind])).toEqual([['Fix all safe seamlint problems', 'source.fixAll.seamlint']]);
    const fixed = applied(text, editsFor(actions[0]!.edit, client.uri(CLIENTS)));
    expect(fixed).toContain("headers: { 'x-caller': 'gateway' },\n  timeout: 10000,\n});");
    // hardcoded-endpoint's fix is unsafe: the literal stays.
    expect(fixed).toContain("baseURL: 'http://localhost:4002'");
    expect(fixed.replace('\n  timeout: 10000,', '')).toBe(text);
  });

  it('has no fix-all for a file whose fixes are all unsafe or absent', async () => {
    await client.open(PRICING_CLIENT);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: client.uri('services/gateway/src/routes/checkout.ts') },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.seamlint'] },
    })) as CodeAction[];
    expect(actions).toEqual([]);
  });
});
