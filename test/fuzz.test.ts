// Seeded fuzzing of the engine: the example system's files are mutated the way half-written code looks (ranges cut,
// slices pasted twice, stray brackets and quotes, truncation, odd bytes) and analyzed, edit by edit, in an editor
// session and, every few rounds, in a whole one-shot run. No exception may escape, and none may be caught inside the
// engine either: a rule that failed or a file that could not be parsed is a bug the fuzzer found. And the session,
// which re-analyzes only what an edit can affect, must agree with a one-shot run over the same texts: a difference is
// a stale or missing finding in the editor.
// SEAMLINT_FUZZ_ITERATIONS and SEAMLINT_FUZZ_SEED run it longer or differently; a failure prints the seed and round.
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../server/src/engine/analyze.js';
import { WorkspaceSession } from '../server/src/engine/session/index.js';
import { discoverWorkspace } from '../server/src/engine/workspace/index.js';
import type { Finding, SetupProblem } from '../server/src/engine/types.js';
import { removeShopCopies, shopCopy } from './support/shop-copies.js';

const ITERATIONS = Number(process.env.SEAMLINT_FUZZ_ITERATIONS ?? 60);
const SEED = Number(process.env.SEAMLINT_FUZZ_SEED ?? 20261126);
/** A whole one-shot run (disk, workspace discovery, caches off) every this many rounds. */
const ONE_SHOT_EVERY = 15;

const TOKENS = [
  '(', ')', '{', '}', '[', ']', '<', '>', '`', '${', '"', "'", '/*', '*/', '//', '=>', ';', ',', '.', '?.', '!', '...',
  'await ', 'async ', 'new ', 'return ', 'export ', 'import ', 'from ', 'const x = ', 'function ', 'class ', 'extends ',
  '@Controller(', '@Get(', 'fetch(', "axios.get('http://", 'axios.create({ baseURL: ', 'channel.nack(msg, false, true)',
  "new URL('/x', ", 'process.env.', 'timeout: ', 'signal: ', '.then(', 'for (const a of b) ', 'while (true) ', 'try { ',
  '} catch { ', 'as any', ': unknown', '\uFEFF', '\r\n', '\u2028', '\uD800', '\\', '\n\n\n', 'ééé', '0x', '1e999',
];

/** mulberry32: small, seedable, good enough to pick mutations. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(text: string, next: () => number): string {
  const at = (limit = text.length) => Math.floor(next() * (limit + 1));
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const start = at();
  switch (Math.floor(next() * 6)) {
    case 0: // cut a range, as a half-finished deletion
      return text.slice(0, start) + text.slice(start + 1 + at(200));
    case 1: {
      // paste a slice twice
      const from = at();
      return text.slice(0, start) + text.slice(from, from + at(300)) + text.slice(start);
    }
    case 2: // type a token in the middle of something
      return text.slice(0, start) + pick(TOKENS) + text.slice(start);
    case 3: // the file as it is while typing its end
      return text.slice(0, start);
    case 4: {
      // swap two lines
      const lines = text.split('\n');
      const a = Math.floor(next() * lines.length);
      const b = Math.floor(next() * lines.length);
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return lines.join('\n');
    }
    default: // replace a character with another
      return text.slice(0, start) + String.fromCharCode(Math.floor(next() * 0x3000)) + text.slice(start + 1);
  }
}

/** Problems that mean an exception was thrown inside the engine and caught there. */
function engineFailures(problems: readonly SetupProblem[]): string[] {
  return problems.map((p) => `${p.file ? `${p.file}: ` : ''}${p.message}`).filter((m) => /failed: |could not be parsed|linking the system model failed/.test(m));
}

function sessionFindings(session: WorkspaceSession): Finding[] {
  return session.filesWithFindings().flatMap((file) => [...session.findingsOf(file)]);
}

/** What a user sees of a finding; sorted, so the two runs' orders do not matter. */
function findingKeys(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.file}:${f.start}-${f.end} ${f.ruleId} ${f.severity} ${f.message}`).sort();
}

afterAll(removeShopCopies);

describe(`fuzzing the engine (seed ${SEED}, ${ITERATIONS} rounds)`, () => {
  it('no exception escapes or is caught inside the engine, whatever the half-written code', async () => {
    const root = shopCopy('fuzz');
    const sources = (await discoverWorkspace(root, { ignore: [], services: {} })).sourceFiles;
    const originals = new Map(sources.map((path) => [path, readFileSync(path, 'utf8')]));
    const session = await WorkspaceSession.open(root, { allowGit: false });
    await session.analyze();
    expect(engineFailures(session.problems())).toEqual([]);
    const next = random(SEED);
    let mutations = 0;

    for (let round = 1; round <= ITERATIONS; round++) {
      const where = `seed ${SEED}, round ${round}`;
      const edited = new Map<string, string>();
      for (let files = 1 + Math.floor(next() * 3); files > 0; files--) {
        const path = sources[Math.floor(next() * sources.length)]!;
        let text = edited.get(path) ?? originals.get(path)!;
        for (let times = 1 + Math.floor(next() * 4); times > 0; times--, mutations++) text = mutate(text, next);
        edited.set(path, text);
      }
      for (const [path, text] of edited) session.updateFile(path, text);
      const result = await session.analyze().catch((error: unknown) => {
        throw new Error(`${where}: the session threw on ${[...edited.keys()].map((p) => relative(root, p)).join(', ')}: ${String(error)}`);
      });
      expect(result.complete, where).toBe(true);
      expect(engineFailures(session.problems()), where).toEqual([]);

      if (round % ONE_SHOT_EVERY === 0) {
        for (const [path, text] of edited) writeFileSync(path, text);
        const run = await analyze({ paths: [root], allowGit: false }).catch((error: unknown) => {
          throw new Error(`${where}: the one-shot run threw: ${String(error)}`);
        });
        expect(engineFailures(run.problems), where).toEqual([]);
        expect(findingKeys(sessionFindings(session)), `${where}: the session and a one-shot run disagree`).toEqual(findingKeys(run.findings));
        for (const path of edited.keys()) writeFileSync(path, originals.get(path)!);
      }
      for (const path of edited.keys()) session.revertFile(path);
    }
    // Back to the originals: the session ends where it started.
    await session.analyze();
    expect(engineFailures(session.problems())).toEqual([]);
    expect(mutations).toBeGreaterThan(ITERATIONS);
  }, 300_000);
});
