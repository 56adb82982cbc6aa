// RuleTester-style harness: each case is a small in-memory workspace (`{ 'services/a/src/x.ts': '…' }`) written to a
// temporary folder and analyzed by the real engine with only the rule under test enabled. Invalid cases list the exact
// findings (file, 1-based line and column, message fragment); `output` is the workspace after applying each finding's first fix.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, type AnalysisResult } from '../../server/src/engine/analyze.js';
import { applyFixesToTexts } from '../../server/src/engine/fixes/index.js';
import type { RuleMeta } from '../../server/src/engine/rule-api.js';

export type Files = Record<string, string>;

export interface ValidCase {
  name: string;
  files: Files;
  options?: Record<string, unknown>;
}

export interface ExpectedFinding {
  file: string;
  line: number;
  column: number;
  /** A fragment the message must contain. */
  message?: string;
  /** Relative paths of the related locations, as `file:line`. */
  related?: string[];
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
  /** Files after applying each finding's first fix (only the files listed are compared). Omit to assert "no fix offered". */
  output?: Files;
}

export interface RuleTesterOptions {
  /**
   * Write each workspace under the repository's git-ignored `.seamlint-tmp/` instead of the OS temp folder, so that module
   * resolution finds the repository's node_modules: rules that ask the type checker about library types need that.
   */
  resolveLibraries?: boolean;
}

/** Where workspaces that must resolve the repository's libraries are written (git-ignored). */
export const REPO_TEMP = join(__dirname, '..', '..', '.seamlint-tmp');

export function ruleTester(rule: RuleMeta, cases: { valid: ValidCase[]; invalid: InvalidCase[] }, options: RuleTesterOptions = {}): void {
  describe(rule.id, () => {
    // A block may list only invalid cases (an empty describe is an error in vitest).
    if (cases.valid.length > 0) describe('valid', () => {
      for (const testCase of cases.valid) {
        it(testCase.name, async () => {
          const result = await runCase(rule, testCase, options);
          expect(result.findings.map((f) => describeFinding(result, f))).toEqual([]);
        });
      }
    });
    describe('invalid', () => {
      for (const testCase of cases.invalid) {
        it(testCase.name, async () => {
          const result = await runCase(rule, testCase, options);
          const actual = result.findings.map((finding) => {
            const file = relativeOf(result, finding.file);
            const position = result.model.file(finding.file)!.lines.positionAt(finding.start);
            return { file, line: position.line + 1, column: position.character + 1, message: finding.message, related: finding.related.map((r) => `${relativeOf(result, r.file)}:${result.model.file(r.file)!.lines.positionAt(r.start).line + 1}`) };
          });
          expect(actual.map(({ file, line, column }) => ({ file, line, column }))).toEqual(testCase.errors.map(({ file, line, column }) => ({ file, line, column })));
          testCase.errors.forEach((expected, index) => {
            if (expected.message) expect(actual[index]!.message).toContain(expected.message);
            if (expected.related) expect(actual[index]!.related).toEqual(expected.related);
          });
          const fixable = result.findings.filter((f) => f.fixes.length > 0);
          if (testCase.output === undefined) {
            expect(fixable.length, 'no fix expected').toBe(0);
            return;
          }
          const fixed = applyFixesToTexts(result.findings, (file) => result.texts.get(file), { includeUnsafe: true });
          for (const [relativePath, expectedText] of Object.entries(testCase.output)) {
            const path = join(result.root, relativePath);
            expect(fixed.get(path) ?? result.texts.get(path), relativePath).toBe(expectedText);
          }
        });
      }
    });
  });
}

async function runCase(rule: RuleMeta, testCase: ValidCase, options: RuleTesterOptions): Promise<AnalysisResult> {
  if (options.resolveLibraries) mkdirSync(REPO_TEMP, { recursive: true });
  const root = mkdtempSync(join(options.resolveLibraries ? REPO_TEMP : tmpdir(), 'seamlint-rule-'));
  try {
    const config = { rules: { [rule.id]: testCase.options ? [rule.severity === 'off' ? 'warning' : rule.severity, testCase.options] : rule.severity === 'off' ? 'warning' : rule.severity } };
    writeFiles(root, { 'seamlint.config.json': JSON.stringify(config), ...testCase.files });
    return await analyze({ paths: [root], onlyRules: [rule.id] });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export function writeFiles(root: string, files: Files): void {
  for (const [relativePath, text] of Object.entries(files)) {
    const path = join(root, relativePath);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
}

function relativeOf(result: AnalysisResult, file: string): string {
  return result.model.file(file)?.relativePath ?? file;
}

function describeFinding(result: AnalysisResult, finding: AnalysisResult['findings'][number]): string {
  const position = result.model.file(finding.file)?.lines.positionAt(finding.start);
  return `${relativeOf(result, finding.file)}:${(position?.line ?? 0) + 1}:${(position?.character ?? 0) + 1} ${finding.message}`;
}
