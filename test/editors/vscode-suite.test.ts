// The in-editor Mocha suite (test/editors/vscode-suite) inside a real VS Code: code-server 4.100.3 in headless Chromium,
// with the packaged extension (dist/seamlint.vsix, unpacked) as the extension under development and a copy of the shop
// as the workspace. The workbench runs the suite in its extension host and reports the exit code and console through
// window.codeAutomationExit / codeAutomationLog.
import { rmSync } from 'node:fs';
import { format } from 'node:util';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { NOTE_PREFIX, RESULT_PREFIX, type TestResult } from './vscode-suite/result-line.js';
import { buildVscodeSuite } from './support/build-suite.js';
import { openBrowser, startCodeServer, type CodeServer } from './support/code-server.js';
import { copyShop, requireBuilt, requireChromium, requireCodeServer, VSIX } from './support/environment.js';
import { extractZip } from './support/zip.js';

let server: CodeServer | undefined;
let browser: BrowserContext | undefined;
let workspace: string | undefined;
let exitCode: number;
const console_: string[] = [];
const results: TestResult[] = [];
const timings: Record<string, number> = {};

beforeAll(async () => {
  requireCodeServer();
  requireChromium();
  requireBuilt();
  let started = Date.now();
  server = await startCodeServer('vscode-suite');
  timings.codeServerStart = Date.now() - started;
  // The extension exactly as packaged, unpacked, is the "extension under development".
  extractZip(VSIX, join(server.home, 'vsix'));
  const extensionPath = join(server.home, 'vsix', 'extension');
  const runner = await buildVscodeSuite(join(server.home, 'suite'));
  workspace = copyShop('vscode-suite');

  const opened = await openBrowser(server);
  browser = opened.context;
  const page = opened.page;
  const exited = new Promise<number>((resolve) => {
    void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
  });
  await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
    // The extension host's console.log arguments, format string first (Mocha's reporter uses %s and %d).
    const line = format(...args);
    console_.push(line);
    for (const entry of line.split('\n')) {
      if (entry.startsWith(RESULT_PREFIX)) results.push(JSON.parse(entry.slice(RESULT_PREFIX.length)) as TestResult);
    }
  });
  // code-server rejects --extensionDevelopmentPath on its command line; the workbench takes it from the URL payload.
  const remote = (path: string): string => `vscode-remote://${server!.authority}${path}`;
  const payload = [
    ['extensionDevelopmentPath', remote(extensionPath)],
    ['extensionTestsPath', remote(runner)],
  ];
  started = Date.now();
  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  // -1: the suite never reported an exit (the assertions below then show what the console said).
  let timer: NodeJS.Timeout | undefined;
  exitCode = await Promise.race([exited, new Promise<number>((resolve) => (timer = setTimeout(() => resolve(-1), 170_000)))]);
  clearTimeout(timer);
  timings.suite = Date.now() - started;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

it('runs the in-editor Mocha suite in VS Code 1.100 (code-server), and every test passes', () => {
  const report = results.map((r) => (r.state === 'passed' ? `✓ ${r.title} (${r.durationMs ?? 0} ms)` : `✗ ${r.title}: ${r.error}`));
  const notes = console_.filter((line) => line.startsWith(NOTE_PREFIX));
  console.info(`code-server start ${timings.codeServerStart} ms; in-editor suite ${timings.suite} ms\n${[...report, ...notes].join('\n')}`);
  const everything = `\n--- extension host console ---\n${console_.join('\n')}\n--- code-server ---\n${server?.output() ?? ''}`;
  expect(results.length, `no test results: the suite did not run.${everything}`).toBeGreaterThan(0);
  const failed = report.filter((line) => line.startsWith('✗'));
  expect(failed, `${results.length - failed.length} of ${results.length} passed\n--- extension host console ---\n${console_.join('\n')}`).toEqual([]);
  expect(exitCode, `the suite reported success per test but exited with ${exitCode}${everything}`).toBe(0);
});
