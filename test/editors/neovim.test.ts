// Neovim (Debian's 0.7.2) as a second, independent LSP client: it starts the bundled server over stdio on a copy of the
// shop, receives push diagnostics for a file with seeded findings, and applies the quick fix for one of them.
// The Lua side is neovim/lsp-session.lua; it reports what happened as JSON.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { copyShop, REPO_ROOT, requireCommand, requireFile, SERVER, xdgEnvironment } from './support/environment.js';

const FILE = 'services/gateway/src/clients.ts';
/** test-fixtures/shop/expected.json for this file. */
const EXPECTED = [
  { code: 'missing-timeout', line: 5, column: 26 },
  { code: 'hardcoded-endpoint', line: 11, column: 12 },
];

interface SessionResult {
  stages: string[];
  error?: string;
  capabilities?: { codeActionProvider: boolean; hoverProvider: boolean };
  diagnostics?: Array<{ code: string; line: number; column: number; source: string; message: string }>;
  codeActions?: string[];
  chosen?: string | null;
}

let workspace: string;
let home: string;
let session: SessionResult;
let elapsedMs: number;

beforeAll(async () => {
  const nvim = requireCommand('nvim', 'Neovim');
  requireFile(SERVER, 'the bundled server', 'run `npm run build`');
  workspace = copyShop('neovim');
  home = mkdtempSync(join(REPO_ROOT, '.seamlint-tmp', 'neovim-home-'));
  const resultPath = join(home, 'result.json');
  const started = Date.now();
  await runNeovim(nvim, {
    ...xdgEnvironment(home),
    SEAMLINT_SERVER: SERVER,
    SEAMLINT_ROOT: workspace,
    SEAMLINT_FILE: join(workspace, FILE),
    SEAMLINT_RESULT: resultPath,
    SEAMLINT_FIX_LINE: '5',
    SEAMLINT_FIX_COLUMN: '26',
    // A missing-timeout fix ("Add `timeout: 10000`"), not "Disable …" or "Show documentation …".
    SEAMLINT_FIX_TITLE: '^Add .*timeout',
    SEAMLINT_TIMEOUT_MS: '60000',
  });
  elapsedMs = Date.now() - started;
  session = JSON.parse(readFileSync(resultPath, 'utf8')) as SessionResult;
}, 180_000);

afterAll(() => {
  if (workspace) rmSync(workspace, { recursive: true, force: true });
  if (home) rmSync(home, { recursive: true, force: true });
});

it('receives push diagnostics with the rule ids and lines of the seeded findings', () => {
  expect(session.stages, session.error).toContain('diagnostics');
  const found = (session.diagnostics ?? [])
    .map(({ code, line, column }) => ({ code, line, column }))
    .sort((a, b) => a.line - b.line);
  expect(found).toEqual(EXPECTED);
  for (const diagnostic of session.diagnostics ?? []) expect(diagnostic.source).toBe('seamlint');
  console.info(`neovim session: ${elapsedMs} ms`);
});

it('applies the missing-timeout quick fix, and the file on disk has the timeout', () => {
  expect(session.stages, session.error).toContain('diagnostics');
  if (!session.capabilities?.codeActionProvider) {
    throw new Error(
      "seamlint's language server does not advertise codeActionProvider, so Neovim has no code action to apply. " +
        'Code actions come with the language-server work (server/src/lsp, issue 6 part 1); this test passes once they land.',
    );
  }
  expect(session.error).toBeUndefined();
  expect(session.chosen, `no code action title matched; offered: ${JSON.stringify(session.codeActions)}`).toBeTruthy();
  expect(session.stages).toContain('written');
  const original = readFileSync(join(REPO_ROOT, 'test-fixtures', 'shop', FILE), 'utf8');
  const fixed = original.replace("  headers: { 'x-caller': 'gateway' },\n});", "  headers: { 'x-caller': 'gateway' },\n  timeout: 10000,\n});");
  expect(fixed).not.toBe(original);
  expect(readFileSync(join(workspace, FILE), 'utf8')).toBe(fixed);
  console.info(`neovim code actions: ${JSON.stringify(session.codeActions)}; chose ${session.chosen}`);
});

function runNeovim(nvim: string, env: NodeJS.ProcessEnv): Promise<void> {
  const script = join(__dirname, 'neovim', 'lsp-session.lua');
  return new Promise((resolve, reject) => {
    const child = spawn(nvim, ['--headless', '--clean', '-c', `luafile ${script}`], {
      cwd: workspace,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // The Lua side gives up after its own timeouts; this only catches a Neovim that hangs outright.
    const timer = setTimeout(() => child.kill('SIGKILL'), 170_000);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`nvim exited with ${code ?? signal}:\n${output}`));
    });
  });
}
