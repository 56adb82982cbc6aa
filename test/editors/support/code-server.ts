// A real VS Code for the editor tests: code-server 4.100.3 (VS Code 1.100.3) on a free local port, shown in Debian's
// headless Chromium through playwright-core. See ../shared/design/editor-testing.md for why each flag is here.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../support/chromium.js';
import { REPO_ROOT, requireChromium, requireCodeServer, xdgEnvironment } from './environment.js';

/** What a fresh user's settings would be, minus what gets in a test's way. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  // The built-in TypeScript service would otherwise add seconds to every code-action request (and its own squiggles).
  'typescript.validate.enable': false,
  'javascript.validate.enable': false,
  // The shop copy lives inside this repository: keep the git extension from scanning it.
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
  'editor.minimap.enabled': false,
  'files.autoSave': 'off',
};

export interface CodeServer {
  /** http://127.0.0.1:<port> */
  url: string;
  /** The authority of `vscode-remote://` URIs for this server. */
  authority: string;
  home: string;
  userDataDir: string;
  extensionsDir: string;
  env: NodeJS.ProcessEnv;
  output(): string;
  stop(): Promise<void>;
}

export async function startCodeServer(label: string, options: { vsix?: string } = {}): Promise<CodeServer> {
  const binary = realpathSync(requireCodeServer());
  mkdirSync(join(REPO_ROOT, '.seamlint-tmp'), { recursive: true });
  const home = mkdtempSync(join(REPO_ROOT, '.seamlint-tmp', `${label}-home-`));
  const userDataDir = join(home, 'user-data');
  const extensionsDir = join(home, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), `${JSON.stringify(USER_SETTINGS, null, 2)}\n`);
  const env = { ...process.env, ...xdgEnvironment(home) };
  const common = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

  if (options.vsix) {
    const install = spawnSync(process.execPath, [binary, ...common, '--install-extension', options.vsix, '--force'], {
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (install.status !== 0) throw new Error(`code-server --install-extension failed:\n${install.stdout}\n${install.stderr}`);
  }

  const port = await freePort();
  const args = [
    binary,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    ...common,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
  ];
  // Its own process group, so stopping it also stops the extension host and the language server it started.
  const child = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, child, () => log);
  } catch (error) {
    await stopGroup(child);
    throw error;
  }
  return {
    url,
    authority: `127.0.0.1:${port}`,
    home,
    userDataDir,
    extensionsDir,
    env,
    output: () => log,
    stop: async () => {
      await stopGroup(child);
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, headless, with a throwaway profile; the page is the one a person would look at. */
export async function openBrowser(server: CodeServer): Promise<{ context: BrowserContext; page: Page }> {
  const executablePath = requireChromium();
  const context = await chromium.launchPersistentContext(join(server.home, 'chromium-profile'), {
    executablePath,
    headless: true,
    env: server.env as Record<string, string>,
    viewport: { width: 1400, height: 860 },
    args: CHROMIUM_ARGS,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

/** Polls with a deadline: editor tests wait for what a person would wait for, never a fixed sleep. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string): Promise<void> {
  await waitFor(
    'code-server /healthz',
    async () => {
      if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${log()}`);
      try {
        const response = await fetch(`${url}/healthz`);
        return response.ok || undefined;
      } catch {
        return undefined;
      }
    },
    60_000,
  );
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 5_000);
  await exited;
  clearTimeout(timer);
}
