// Exit codes and one-line reasons of the real executable, on real folders.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeFiles } from '../rules/testing/rule-tester.js';
import { ensureBuilt, REPO_ROOT, runCli } from './support/cli.js';

const temps: string[] = [];
function tempWorkspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'seamlint-cli-'));
  temps.push(root);
  writeFiles(root, files);
  return root;
}

const cleanSystem = {
  'package.json': JSON.stringify({ name: 'shop', private: true, workspaces: ['services/*'] }),
  'services/orders/package.json': JSON.stringify({ name: '@shop/orders' }),
  'services/orders/src/main.ts': "import express from 'express';\nconst app = express();\napp.listen(Number(process.env.PORT ?? 3000));\n",
};

const oneLine = (text: string) => text.trim().split('\n').length === 1;
/** What every run over cleanSystem ends its stderr with. */
const CLEAN_SUMMARY = '1 service · 0 edges (0 unresolved) · 1 file\n';

beforeAll(() => ensureBuilt());
afterEach(() => {
  for (const root of temps.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('exit codes', () => {
  it('0 when there are no findings', () => {
    const root = tempWorkspace(cleanSystem);
    const run = runCli([], { cwd: root });
    expect(run.stderr).toBe(CLEAN_SUMMARY);
    expect(run.status).toBe(0);
  });

  it('1 for error-severity findings, 0 when only warnings, 1 when warnings exceed --max-warnings', () => {
    const root = tempWorkspace({
      ...cleanSystem,
      // One warning (hardcoded-endpoint): the call has a timeout and its response is not used.
      'services/orders/src/pricing.ts': "export async function ping() {\n  await fetch('http://pricing:3000/ping', { signal: AbortSignal.timeout(1000) });\n}\n",
    });
    expect(runCli([], { cwd: root }).status).toBe(0);
    expect(runCli(['--max-warnings', '0'], { cwd: root }).status).toBe(1);
    expect(runCli(['--rule', 'hardcoded-endpoint=error'], { cwd: root }).status).toBe(1);
    expect(runCli(['--rule', 'hardcoded-endpoint=off', '--max-warnings', '0'], { cwd: root }).status).toBe(0);
  });

  it('2 with a one-line reason for a broken config file', () => {
    const root = tempWorkspace({ ...cleanSystem, 'seamlint.config.json': '{ "rules": { "hardcoded-endpiont": "error" } }' });
    const run = runCli([], { cwd: root });
    expect(run.status).toBe(2);
    expect(oneLine(run.stderr)).toBe(true);
    expect(run.stderr).toContain('did you mean "hardcoded-endpoint"');
    expect(run.stdout).toBe('');
  });

  it('2 with a one-line reason for invalid JSON in the config', () => {
    const root = tempWorkspace({ ...cleanSystem, 'seamlint.config.json': '{ "rules": { ' });
    const run = runCli([], { cwd: root });
    expect(run.status).toBe(2);
    expect(oneLine(run.stderr)).toBe(true);
    expect(run.stderr).toMatch(/seamlint\.config\.json:1:\d+/);
  });

  it('2 for usage errors: an unknown flag, an unknown format, a missing path, a bad --rule', () => {
    const root = tempWorkspace(cleanSystem);
    for (const args of [['--frobnicate'], ['--format', 'xml'], ['does-not-exist'], ['--rule', 'hardcoded-endpoint=loud']]) {
      const run = runCli(args, { cwd: root });
      expect(run.status, args.join(' ')).toBe(2);
      expect(oneLine(run.stderr), run.stderr).toBe(true);
      expect(run.stderr.startsWith('seamlint: ')).toBe(true);
    }
  });
});

describe('SEAMLINT_TIMING', () => {
  it('prints where the time went on stderr, after the report, and leaves stdout and the exit code alone', () => {
    const root = tempWorkspace({
      ...cleanSystem,
      'services/orders/src/pricing.ts': "export async function ping() {\n  await fetch('http://pricing:3000/ping', { signal: AbortSignal.timeout(1000) });\n}\n",
    });
    const plain = runCli(['--format', 'json', '--no-cache'], { cwd: root });
    const timed = runCli(['--format', 'json', '--no-cache'], { cwd: root, env: { SEAMLINT_TIMING: '1' } });
    expect(timed.status).toBe(plain.status);
    expect(JSON.parse(timed.stdout)).toEqual(JSON.parse(plain.stdout));
    const phases = ['discover workspace', 'read files', 'parse and extract facts', 'link the system model', 'run rules', 'finish findings', 'format json'];
    for (const phase of phases) expect(timed.stderr).toMatch(new RegExp(`^${phase}\\s+\\d+$`, 'm'));
    expect(timed.stderr).toMatch(/^hardcoded-endpoint\s+\d+\s+\d+\.\d%$/m);
    // The call to pricing, which is no service of this workspace, is the one unresolved call; the summary comes last.
    const summary = '1 service · 0 edges (1 unresolved) · 2 files\n';
    expect(plain.stderr).toBe(summary);
    expect(timed.stderr.endsWith(`%\n${summary}`)).toBe(true);
  });
});

describe('the run summary', () => {
  it('with no services, check and graph end with a notice saying how to declare them', () => {
    const root = tempWorkspace({ 'package.json': JSON.stringify({ name: 'scripts' }), 'src/tool.ts': 'export const answer = 42;\n' });
    const notice = (consequence: string) =>
      `seamlint: no services found in . (1 file read): declare them in seamlint.config.json "services" (or run seamlint init); ${consequence}.\n`;
    const check = runCli(['--format', 'json'], { cwd: root });
    expect(check.status).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ findings: [] });
    expect(check.stderr).toBe(notice('cross-service rules had nothing to check'));
    const graph = runCli(['graph'], { cwd: root });
    expect(graph.status).toBe(0);
    expect(graph.stderr).toBe(notice('the graph is empty'));
    expect(runCli(['--quiet'], { cwd: root }).stderr).toBe('');
  });
});

describe('init', () => {
  it('writes a config listing the detected services, which then loads', () => {
    const root = mkdtempSync(join(tmpdir(), 'seamlint-init-'));
    temps.push(root);
    cpSync(join(REPO_ROOT, 'test-fixtures', 'shop'), root, { recursive: true, filter: (src) => !src.endsWith('expected.json') });
    const run = runCli(['init'], { cwd: root });
    expect(run.status).toBe(0);
    const text = readFileSync(join(root, 'seamlint.config.json'), 'utf8');
    const errors: ParseError[] = [];
    const config = parseJsonc(text, errors, { allowTrailingComma: false }) as { services: Record<string, { root: string; urls: string[] }> };
    expect(errors).toEqual([]);
    expect(Object.keys(config.services).sort()).toEqual(['gateway', 'inventory', 'notifications', 'orders', 'payments', 'pricing']);
    expect(config.services.inventory).toEqual({ root: 'services/inventory', urls: expect.arrayContaining(['INVENTORY_URL', 'http://inventory:3000']) });
    // Each entry has the evidence that made it a service written above it.
    expect(text).toMatch(/\/\/ docker compose service "inventory"\n(\s*\/\/ .*\n)*?\s*\/\/ http-server entrypoint \(express\) in src\/main\.ts\n\s*"inventory": \{/);
    for (const name of Object.keys(config.services)) expect(text).toMatch(new RegExp(`// .*\\n\\s*"${name}": \\{`));
    expect(runCli(['--format', 'json'], { cwd: root }).status).toBe(1);
    const again = runCli(['init'], { cwd: root });
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('already exists');
    expect(existsSync(join(root, 'seamlint.config.json'))).toBe(true);
  });
});
