// Config changes over the protocol: a broken seamlint.config.json gives exactly one diagnostic, on the offending key,
// while analysis goes on with defaults; fixing it clears it; turning a rule off (in the file or in the editor's
// settings) makes its diagnostics disappear. Both for a pulling and a push-only client.
import { rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DidChangeConfigurationNotification, FileChangeType, type Diagnostic } from 'vscode-languageserver-protocol';
import { copyShop, ensureServerBuilt, removeShopCopies } from './support/build.js';
import { TestClient } from './support/lsp-client.js';

const CONFIG = 'seamlint.config.json';
const CLIENTS = 'services/gateway/src/clients.ts';
const has = (code: string) => (list: Diagnostic[]) => list.some((d) => d.code === code);
const lacks = (code: string) => (list: Diagnostic[]) => !list.some((d) => d.code === code);

beforeAll(ensureServerBuilt, 180_000);
afterAll(removeShopCopies);

describe.each([
  { mode: 'pull', pull: true },
  { mode: 'push', pull: false },
])('config changes with a $mode client', ({ pull }) => {
  let client: TestClient;

  const writeConfig = async (text: string | undefined) => {
    if (text === undefined) rmSync(client.path(CONFIG), { force: true });
    else writeFileSync(client.path(CONFIG), text);
    await client.fileChanged(CONFIG, text === undefined ? FileChangeType.Deleted : FileChangeType.Changed);
  };

  beforeAll(async () => {
    client = await TestClient.start(copyShop(), { pull });
    await client.waitUntilReady();
    await client.open(CLIENTS);
    await client.waitForDiagnostics(CLIENTS, has('missing-timeout'));
  });
  afterAll(() => client?.stop());

  it('watches the config, manifests and sources', () => {
    const watchers = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles')?.registerOptions as { watchers: Array<{ globPattern: string }> };
    expect(watchers.watchers.map((w) => w.globPattern)).toEqual(expect.arrayContaining(['**/seamlint.config.json', '**/*.{yml,yaml}', '**/.env*', '**/tsconfig*.json', '**/package.json', '**/*.prisma', '**/*.{ts,tsx,mts,cts,js,mjs,cjs}']));
  });

  it('puts one diagnostic on a broken config, at the offending key, and keeps analyzing with defaults', async () => {
    const text = '{\n  "rules": {\n    "missing-timeout": "off",\n    "sync-call-chian": "warning"\n  }\n}\n';
    await writeConfig(text);
    const [diagnostic, ...others] = await client.waitForDiagnostics(CONFIG, (list) => list.length > 0);
    expect(others).toEqual([]);
    expect(diagnostic).toMatchObject({ source: 'seamlint', severity: 1, range: { start: { line: 3, character: 4 }, end: { line: 3, character: 21 } } });
    expect(diagnostic!.message).toContain('did you mean "sync-call-chain"');
    // Defaults, not the half-valid file: missing-timeout still reports.
    expect(has('missing-timeout')(await client.diagnostics(CLIENTS))).toBe(true);
    const status = await client.waitFor('a status with the config error', () => client.statuses.findLast((s) => s.configError !== undefined));
    expect(status.configError?.file).toBe(client.path(CONFIG));
  });

  it('clears the diagnostic when the config is fixed, and applies it', async () => {
    await writeConfig('{\n  "rules": {\n    "missing-timeout": "off"\n  }\n}\n');
    await client.waitForDiagnostics(CONFIG, (list) => list.length === 0);
    await client.waitForDiagnostics(CLIENTS, lacks('missing-timeout'));
    await writeConfig(undefined);
    await client.waitForDiagnostics(CLIENTS, has('missing-timeout'));
  });

  it('turns a rule off from the editor settings', async () => {
    client.settings = { rules: { 'hardcoded-endpoint': 'off' } };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { seamlint: client.settings } });
    await client.waitForDiagnostics(CLIENTS, (list) => lacks('hardcoded-endpoint')(list) && has('missing-timeout')(list));
    client.settings = {};
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { seamlint: client.settings } });
    await client.waitForDiagnostics(CLIENTS, has('hardcoded-endpoint'));
  });

  it('keeps the latest of two quick setting changes when the older answer arrives last', async () => {
    // Settings are read with workspace/configuration, so two changes in quick succession overlap. The first reads
    // "rule off" but answers last; the second (the user already removed it) must win.
    const answered = client.configurationAnswers;
    client.configurationDelays = [400, 0];
    client.settings = { rules: { 'hardcoded-endpoint': 'off' } };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { seamlint: client.settings } });
    await new Promise((done) => setTimeout(done, 50));
    client.settings = {};
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { seamlint: client.settings } });
    await client.waitFor('both configuration answers', () => (client.configurationAnswers >= answered + 2 ? true : undefined));
    // A marker after both: a new file's diagnostics come from a run that applied every setting read before it.
    const marker = 'services/gateway/src/marker.ts';
    writeFileSync(client.path(marker), "import axios from 'axios';\nexport const ping = () => axios.get('http://localhost:9999/ping');\n");
    await client.fileChanged(marker, FileChangeType.Created);
    await client.waitForDiagnostics(marker, has('missing-timeout'));
    expect(has('hardcoded-endpoint')(await client.diagnostics(CLIENTS))).toBe(true);
    rmSync(client.path(marker));
    await client.fileChanged(marker, FileChangeType.Deleted);
    await client.waitForDiagnostics(marker, (list) => list.length === 0);
  });

  it('picks up source files created and deleted on disk', async () => {
    const extra = 'services/gateway/src/extra.ts';
    writeFileSync(client.path(extra), "import axios from 'axios';\nexport async function ping() {\n  return axios.get('http://localhost:9999/ping');\n}\n");
    await client.fileChanged(extra, FileChangeType.Created);
    await client.waitForDiagnostics(extra, has('missing-timeout'));
    rmSync(client.path(extra));
    await client.fileChanged(extra, FileChangeType.Deleted);
    await client.waitForDiagnostics(extra, (list) => list.length === 0);
  });

  it('stops reporting when disabled and reports again when enabled', async () => {
    client.settings = { enable: false };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { seamlint: client.settings } });
    await client.waitForDiagnostics(CLIENTS, (list) => list.length === 0);
    client.settings = {};
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { seamlint: client.settings } });
    await client.waitForDiagnostics(CLIENTS, has('missing-timeout'));
  });
});
