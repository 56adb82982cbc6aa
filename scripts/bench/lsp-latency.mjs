// Edit-to-diagnostics latency of the language server: open a file, then apply edits one at a time and time each from
// didChange until the client has that version's diagnostics. `pull` (VS Code, Neovim 0.10+): the client asks with
// textDocument/diagnostic right after the change, and the server answers for that file at once. `push` (older clients):
// the server publishes after its 150 ms typing debounce, which the figure includes.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

export async function measureEditLatency(repo, root, { edits, mode = 'pull' }) {
  const require = createRequire(join(repo, 'package.json'));
  const rpc = require('vscode-jsonrpc/node');
  const server = spawn(process.execPath, [join(repo, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(server.stdout), new rpc.StreamMessageWriter(server.stdin));
  const waiters = new Map();
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    const waiter = waiters.get(params.uri);
    if (waiter && (params.version === undefined || params.version >= waiter.version)) {
      waiters.delete(params.uri);
      waiter.resolve();
    }
  });
  // A push client learns that an edit was analyzed from the diagnostics, or, when they did not change (the server
  // then publishes nothing), from the status the server sends after every analysis.
  connection.onNotification('seamlint/status', (status) => {
    const finished = status.lastAnalysis ? Date.parse(status.lastAnalysis.finishedAt) : 0;
    for (const [uri, waiter] of waiters) {
      if (finished >= waiter.sentAt) {
        waiters.delete(uri);
        waiter.resolve();
      }
    }
  });
  connection.onRequest(() => null);
  connection.listen();
  try {
    const capabilities = mode === 'pull' ? { textDocument: { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } } : {};
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(root).href, workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'bench' }], capabilities });
    connection.sendNotification('initialized', {});
    const path = join(root, 'services', 'svc00', 'src', 'routes', 'r0.router.ts');
    const uri = pathToFileURL(path).href;
    const text = readFileSync(path, 'utf8');
    const published = (version) => new Promise((resolve, reject) => {
      waiters.set(uri, { version, resolve, sentAt: Date.now() });
      setTimeout(() => reject(new Error(`no diagnostics for version ${version} within 60 s`)), 60_000).unref();
    });
    const pulled = () => connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    const first = mode === 'pull' ? undefined : published(1);
    connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text } });
    await (first ?? pulled());
    const latencies = [];
    for (let version = 2; version < edits + 2; version++) {
      // A real code change every time (a changed literal), so every edit re-analyzes the file.
      const edited = text.replace("source: 'svc00'", `source: 'svc00-${version}'`);
      const done = mode === 'pull' ? undefined : published(version);
      const started = performance.now();
      connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: edited }] });
      await (done ?? pulled());
      latencies.push(performance.now() - started);
    }
    latencies.sort((a, b) => a - b);
    const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
    return { mode, edits: latencies.length, p50: at(0.5), p95: at(0.95) };
  } finally {
    connection.dispose();
    server.kill();
  }
}
