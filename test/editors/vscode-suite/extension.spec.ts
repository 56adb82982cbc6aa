/// <reference types="mocha" />
// Inside VS Code: the extension activates, starts its server, and the shop's seeded findings show up as diagnostics
// with their rule ids; the client's own commands (rule docs, service graph) open what they should.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateSeamlint, openFile, ruleOf, seamlintDiagnostics, waitFor, workspaceFile } from './shop.js';

suite('seamlint extension', () => {
  test('activates and starts its language server', async () => {
    const api = await activateSeamlint();
    assert.ok(api.serverCapabilities, 'the server did not complete initialize');
    const commands = await vscode.commands.getCommands(true);
    for (const command of ['seamlint.restart', 'seamlint.showOutput', 'seamlint.analyzeWorkspace', 'seamlint.showServiceGraph', 'seamlint.explainRule']) {
      assert.ok(commands.includes(command), `command ${command} is not registered`);
    }
  });

  test('reports the seeded findings of a shop file with their rule ids and lines', async () => {
    await activateSeamlint();
    const editor = await openFile('services/gateway/src/clients.ts');
    const found = await waitFor('seamlint diagnostics for clients.ts', () => {
      const diagnostics = seamlintDiagnostics(editor.document.uri);
      return diagnostics.length >= 2 ? diagnostics : undefined;
    });
    const summary = found.map((d) => ({ rule: ruleOf(d), line: d.range.start.line + 1, column: d.range.start.character + 1 }));
    summary.sort((a, b) => a.line - b.line);
    // test-fixtures/shop/expected.json for this file.
    assert.deepEqual(summary, [
      { rule: 'missing-timeout', line: 5, column: 26 },
      { rule: 'hardcoded-endpoint', line: 11, column: 12 },
    ]);
    const timeout = found.find((d) => ruleOf(d) === 'missing-timeout');
    assert.equal(timeout?.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(String(typeof timeout?.code === 'object' ? timeout.code.target : ''), /rules\/docs\/missing-timeout\.md$/);
  });

  test('"Explain rule" opens the rule documentation as a markdown preview', async () => {
    await activateSeamlint();
    await vscode.commands.executeCommand('seamlint.explainRule', 'missing-timeout');
    await waitFor('the markdown preview of missing-timeout.md', () =>
      vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((tab) => /missing-timeout\.md/.test(tab.label)),
    );
  });

  test('"Show service graph" opens the graph view', async () => {
    await activateSeamlint();
    await vscode.commands.executeCommand('seamlint.showServiceGraph');
    await waitFor('the service graph webview', () =>
      vscode.window.tabGroups.all
        .flatMap((group) => group.tabs)
        .find((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('seamlint.serviceGraph')),
    );
  });

  test('the workspace is the shop copy the specs expect', () => {
    assert.ok(workspaceFile('docker-compose.yml').fsPath.includes('.seamlint-tmp'), 'specs edit files: run them on a copy');
  });
});
