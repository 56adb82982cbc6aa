/// <reference types="mocha" />
// Inside VS Code: the client's settings and commands reach the server. A rule turned off in `seamlint.rules` leaves
// the diagnostics without a restart and comes back when the setting goes; "Restart" and "Analyze workspace" bring the
// diagnostics back from a fresh analysis.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateSeamlint, openFile, ruleOf, seamlintDiagnostics, waitFor } from './shop.js';

const PRICING_CLIENT = 'services/inventory/src/pricing/pricing.client.ts';

suite('seamlint settings and commands', () => {
  const hasTimeoutFinding = (uri: vscode.Uri): boolean => seamlintDiagnostics(uri).some((d) => ruleOf(d) === 'missing-timeout');

  test('a rule turned off in seamlint.rules leaves the diagnostics, and returns when the setting goes', async () => {
    const api = await activateSeamlint();
    // On a timeout, what the server last said about itself (state, last analysis, errors) and what the editor shows.
    const context = (document: vscode.TextDocument) =>
      `; server status ${JSON.stringify(api.lastStatus)}; diagnostics ${JSON.stringify(seamlintDiagnostics(document.uri).map((d) => `${ruleOf(d)}:${d.range.start.line + 1}`))}`;
    const { document } = await openFile(PRICING_CLIENT);
    await waitFor('the missing-timeout diagnostic of pricing.client.ts', () => (hasTimeoutFinding(document.uri) ? true : undefined));
    const config = vscode.workspace.getConfiguration('seamlint');
    await config.update('rules', { 'missing-timeout': 'off' }, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor('missing-timeout to leave the diagnostics', () => (hasTimeoutFinding(document.uri) ? undefined : true)).catch((error: unknown) => {
        throw new Error(`${error instanceof Error ? error.message : String(error)}${context(document)}`);
      });
      assert.ok(seamlintDiagnostics(document.uri).some((d) => ruleOf(d) === 'hardcoded-endpoint'), 'other rules still report');
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    try {
      await waitFor('missing-timeout to come back', () => (hasTimeoutFinding(document.uri) ? true : undefined), 30_000);
    } catch (error) {
      // Say which half failed: the server's settings, or telling the editor about the new diagnostics.
      await vscode.commands.executeCommand('seamlint.analyzeWorkspace');
      const afterAnalysis = await waitFor('missing-timeout after "Analyze workspace"', () => (hasTimeoutFinding(document.uri) ? true : undefined), 15_000).catch(() => false);
      throw new Error(
        afterAnalysis
          ? 'missing-timeout came back only after "Analyze workspace": the server took the setting but did not refresh the diagnostics'
          : `missing-timeout did not come back, even after "Analyze workspace", while VS Code's seamlint.rules is ` +
              `${JSON.stringify(vscode.workspace.getConfiguration('seamlint').get('rules'))}: the server kept the old setting ` +
              `(${error instanceof Error ? error.message : String(error)})${context(document)}`,
      );
    }
  });

  test('"Restart" starts a new server that reports the same findings', async () => {
    const api = await activateSeamlint();
    const { document } = await openFile(PRICING_CLIENT);
    await vscode.commands.executeCommand('seamlint.restart');
    assert.ok(api.serverCapabilities, 'no server after the restart');
    await waitFor('diagnostics from the restarted server', () => (hasTimeoutFinding(document.uri) ? true : undefined));
  });

  test('"Analyze workspace" completes and the findings stay', async () => {
    await activateSeamlint();
    const { document } = await openFile(PRICING_CLIENT);
    assert.equal(await vscode.commands.executeCommand<boolean>('seamlint.analyzeWorkspace'), true, 'the analysis failed (see the seamlint output)');
    await waitFor('diagnostics after analyzing the workspace', () => (hasTimeoutFinding(document.uri) ? true : undefined));
  });
});
