// `seamlint graph` through the real argument parsing, in-process, with the engine's graph stubbed by a hand-made one.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliDeps, CliGraphOptions, CliGraphSource } from '../cli-context.js';
import { SMALL_SUMMARY } from '../services/test-data.js';
import { runWith, StubSetupError } from '../test-harness.js';
import { GRAPH_ROOT, smallGraph } from './test-data.js';

const smallSource = (): CliGraphSource => ({ ...smallGraph(), summary: SMALL_SUMMARY });
const SUMMARY_LINE = '4 services · 4 edges (1 unresolved) · 12 files\n';

function withGraph(source: CliGraphSource = smallSource()): { deps: Partial<CliDeps>; calls: CliGraphOptions[] } {
  const calls: CliGraphOptions[] = [];
  return {
    calls,
    deps: {
      graph: async (options) => {
        calls.push(options);
        return source;
      },
    },
  };
}

const io = { cwd: GRAPH_ROOT };

describe('seamlint graph', () => {
  it('writes mermaid by default, exit 0, for the workspace of the given paths', async () => {
    const stub = withGraph();
    const run = await runWith(['graph', 'services', '--config', 'custom.json'], { deps: stub.deps, io });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(SUMMARY_LINE);
    expect(run.stdout.startsWith('flowchart LR\n  gateway["gateway<br/>1 endpoint"]\n')).toBe(true);
    expect(stub.calls).toHaveLength(1);
    expect(stub.calls[0]).toMatchObject({ paths: [path.join(GRAPH_ROOT, 'services')], configPath: path.join(GRAPH_ROOT, 'custom.json') });
  });

  it('analyzes the current folder when no path is given', async () => {
    const stub = withGraph();
    await runWith(['graph', '-f', 'json'], { deps: stub.deps, io });
    expect(stub.calls[0]!.paths).toEqual([GRAPH_ROOT]);
  });

  it.each([
    ['dot', /^digraph seamlint \{\n/],
    ['json', /^\{\n {2}"version": 1,\n {2}"root": "\.",/],
    ['html', /^<!DOCTYPE html>\n/],
  ])('--format %s', async (format, start) => {
    const run = await runWith(['graph', '--format', format], { deps: withGraph().deps, io });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(start);
  });

  it('--output writes the file (creating its folder) and nothing to stdout', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seamlint-graph-'));
    try {
      const run = await runWith(['graph', '--format', 'html', '--output', 'out/graph.html'], { deps: withGraph().deps, io: { cwd: dir } });
      expect(run).toMatchObject({ code: 0, stdout: '', stderr: SUMMARY_LINE });
      expect(fs.readFileSync(path.join(dir, 'out', 'graph.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an unknown format exits 2 with one line naming the choices, before any analysis', async () => {
    const stub = withGraph();
    const run = await runWith(['graph', '--format', 'svg'], { deps: stub.deps, io });
    expect(run).toMatchObject({
      code: 2,
      stdout: '',
      stderr: "seamlint: option '-f, --format <format>' argument 'svg' is invalid. Allowed choices are mermaid, dot, json, html.\n",
    });
    expect(stub.calls).toEqual([]);
  });

  it('shows setup problems as warnings on stderr, and still draws the graph', async () => {
    const source = { ...smallSource(), problems: [{ file: path.join(GRAPH_ROOT, 'tsconfig.json'), message: 'cannot read\nextends' }] };
    const run = await runWith(['graph'], { deps: withGraph(source).deps, io });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`seamlint: warning: tsconfig.json: cannot read extends\n${SUMMARY_LINE}`);
  });

  it('with no services, ends with a notice saying how to declare them, and still writes valid JSON', async () => {
    const empty: CliGraphSource = { ...smallSource(), graph: { services: [], edges: [], chains: [], cycles: [], unresolved: [] }, summary: { services: 0, edges: 0, unresolved: 0, files: 7 } };
    const run = await runWith(['graph', '--format', 'json'], { deps: withGraph(empty).deps, io });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ services: [], edges: [] });
    expect(run.stderr).toBe('seamlint: no services found in . (7 files read): declare them in seamlint.config.json "services" (or run seamlint init); the graph is empty.\n');
  });

  it('a setup error exits 2 with its one-line message', async () => {
    const deps: Partial<CliDeps> = {
      graph: async () => {
        throw new StubSetupError('seamlint.config.json: unknown key "servics"');
      },
    };
    const run = await runWith(['graph'], { deps, io });
    expect(run).toMatchObject({ code: 2, stdout: '', stderr: 'seamlint: seamlint.config.json: unknown key "servics"\n' });
  });
});
