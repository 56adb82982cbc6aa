/// <reference types="mocha" />
// Inside VS Code, through VS Code's own provider commands (what the editor calls when a person presses Ctrl+. or
// hovers): the missing-timeout quick fix applies and lands on disk, and a remote call's hover names its target.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { NOTE_PREFIX } from './result-line.js';
import { activateSeamlint, openFile, requireCapability, ruleOf, seamlintDiagnostics, step, waitFor } from './shop.js';

/**
 * vscode.executeCodeActionProvider asks every provider, and fails as a whole ("Canceled") when one of them cancels:
 * while the built-in TypeScript server is still loading the project its refactor provider does (seen under load; our
 * server never cancels a request the editor did not cancel). A person presses Ctrl+. again; so do we, and say so.
 */
async function codeActionsAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
    } catch (error) {
      if (!(error instanceof Error && error.message === 'Canceled') || attempt === 5) throw new Error(`vscode.executeCodeActionProvider: ${error instanceof Error ? error.message : String(error)}`);
      console.log(`${NOTE_PREFIX}vscode.executeCodeActionProvider was canceled (attempt ${attempt}); asking again`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

suite('seamlint language features', () => {
  test('the missing-timeout quick fix applies and is saved', async () => {
    const api = await activateSeamlint();
    requireCapability(api, 'codeActionProvider');
    const editor = await openFile('services/gateway/src/clients.ts');
    const finding = await waitFor('the missing-timeout diagnostic', () =>
      seamlintDiagnostics(editor.document.uri).find((d) => ruleOf(d) === 'missing-timeout'),
    );
    const actions = await codeActionsAt(editor.document.uri, finding.range);
    const titles = actions.map((action) => action.title);
    const fix = actions.find((action) => /^Add .*timeout/.test(action.title));
    assert.ok(fix?.edit, `no "Add … timeout" quick fix with an edit; offered: ${JSON.stringify(titles)}`);
    // vscode.executeCodeActionProvider keeps title, kind, edit, command and isPreferred (not the linked diagnostics).
    assert.equal(fix.isPreferred, true, 'a safe fix should be the preferred action');
    const edit = fix.edit;
    assert.ok(await step('applyEdit', () => vscode.workspace.applyEdit(edit)), 'the workspace edit was rejected');
    assert.ok(await step('save', () => editor.document.save()), 'the document did not save');
    const onDisk = readFileSync(editor.document.uri.fsPath, 'utf8');
    assert.match(onDisk, /headers: \{ 'x-caller': 'gateway' \},\n  timeout: 10000,\n\}\);/);
    await waitFor('the missing-timeout diagnostic to go', () =>
      seamlintDiagnostics(editor.document.uri).some((d) => ruleOf(d) === 'missing-timeout' && d.range.start.line === 4) ? undefined : true,
    );
  });

  test('hovering a remote call shows the service and route it reaches', async () => {
    const api = await activateSeamlint();
    requireCapability(api, 'hoverProvider');
    const editor = await openFile('services/gateway/src/routes/orders.ts');
    // `ordersApi.get<OrderDto>(`/orders/${…}`)` on line 8 reaches orders GET /orders/:id.
    const line = 7;
    const character = editor.document.lineAt(line).text.indexOf('ordersApi.get') + 'ordersApi.'.length;
    assert.ok(character > 'ordersApi.'.length, 'the fixture changed: no ordersApi.get on line 8');
    const hovers = await waitFor('a hover from seamlint', async () => {
      const found = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(line, character));
      return found.length > 0 ? found : undefined;
    });
    const text = hovers
      .flatMap((hover) => hover.contents)
      .map((content) => (typeof content === 'string' ? content : content.value))
      .join('\n');
    assert.match(text, /orders/);
    assert.match(text, /\/orders\/:id|\/orders\/\{id\}/);
  });
});
