// `seamlint check`: analyze, optionally fix, format, write, and turn the findings into an exit code.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../engine/types.js';
import { Timings } from '../engine/analysis/timings.js';
import { planFixes, type FixesOutcome } from '../engine/fixes/apply-fixes.js';
import { createDiff } from '../engine/fixes/diff.js';
import type { CliAnalysisResult, CliAnalyzeOptions, CliDeps, CliIO } from './cli-context.js';
import { formatters } from './formats/index.js';
import { UsageError, useColor, type CheckFlags } from './options.js';
import { writeOutput, writeSetupProblems } from './output.js';
import { createProgress } from './progress.js';
import { writeRunSummary } from './run-summary.js';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

export async function runCheck(paths: readonly string[], flags: CheckFlags, io: CliIO, deps: CliDeps): Promise<number> {
  if (flags.fix && flags.fixDryRun) throw new UsageError('--fix and --fix-dry-run cannot be used together');
  const progress = createProgress(io.stderr, io.stderrIsTTY === true);
  const options: CliAnalyzeOptions = {
    paths: paths.length > 0 ? paths.map((entry) => path.resolve(io.cwd, entry)) : [io.cwd],
    configPath: flags.config === undefined ? undefined : path.resolve(io.cwd, flags.config),
    ruleOverrides: flags.rule ?? {},
    baselinePath: flags.baseline === undefined ? undefined : path.resolve(io.cwd, flags.baseline),
    updateBaseline: flags.updateBaseline === true,
    cache: flags.cache !== false,
    base: flags.base,
    onProgress: (message) => progress.report(message),
  };
  // SEAMLINT_TIMING=1 (as ESLint's TIMING): where the run's time went, on stderr after the report.
  const timings = io.env?.SEAMLINT_TIMING ? new Timings() : undefined;
  if (timings) options.timings = timings;
  try {
    const fixing = flags.fix === true || flags.fixDryRun === true;
    // A baseline written before fixing would record findings the fix is about to remove: update it on the final run only.
    let result = await deps.analyze(fixing ? { ...options, updateBaseline: false } : options);
    if (fixing) {
      // With --quiet only errors are shown, so only errors are fixed (as ESLint does).
      const candidates = flags.quiet ? result.findings.filter((finding) => finding.severity === 'error') : result.findings;
      const analyzed = result;
      const readText = (file: string): string | undefined => analyzed.texts.get(file) ?? readIfExists(file);
      const outcome = planFixes(candidates, readText);
      if (flags.fixDryRun) {
        progress.done();
        writeReport(io, flags, diffOf(outcome, analyzed.root, readText));
        if (outcome.files.size === 0 && !flags.quiet) io.stderr.write('No safe fixes to apply.\n');
        // Nothing is written, so the exit code is what `--fix` would leave: the findings whose fix would not apply.
        const fixed = new Set(outcome.fixed);
        return withSummary(exitCode(analyzed.findings.filter((finding) => !fixed.has(finding)), flags, io), analyzed, flags, io);
      }
      writeFixedFiles(outcome);
      if (outcome.files.size > 0 || options.updateBaseline) result = await deps.analyze(options);
      if (outcome.fixed.length > 0 && !flags.quiet) {
        io.stderr.write(`Fixed ${plural(outcome.fixed.length, 'problem')} in ${plural(outcome.files.size, 'file')}.\n`);
      }
    }
    progress.done();
    if (!flags.quiet) writeSetupProblems(io, result.problems);
    const shown = flags.quiet ? { ...result, findings: result.findings.filter((finding) => finding.severity === 'error') } : result;
    const format = () =>
      formatters[flags.format](withAllTexts(shown), {
        color: flags.output === undefined && useColor(io, flags.color),
        cwd: io.cwd,
        toolVersion: deps.version,
        quiet: flags.quiet === true,
      });
    const report = timings ? timings.time(`format ${flags.format}`, format) : format();
    writeReport(io, flags, report);
    if (timings) io.stderr.write(timings.format());
    // --quiet hides warnings but they still count against --max-warnings, which the user asked for explicitly.
    return withSummary(exitCode(result.findings, flags, io), result, flags, io);
  } finally {
    progress.done();
  }
}

/** The run's summary line goes last on stderr, after any --max-warnings message; --quiet asks for errors only. */
function withSummary(code: number, result: CliAnalysisResult, flags: CheckFlags, io: CliIO): number {
  if (!flags.quiet) writeRunSummary(io, result.root, result.summary, 'cross-service rules had nothing to check');
  return code;
}

function exitCode(findings: readonly Finding[], flags: CheckFlags, io: CliIO): number {
  if (findings.some((finding) => finding.severity === 'error')) return EXIT_FINDINGS;
  const warnings = findings.filter((finding) => finding.severity === 'warning').length;
  if (flags.maxWarnings !== undefined && warnings > flags.maxWarnings) {
    io.stderr.write(`seamlint: ${plural(warnings, 'warning')} found, more than --max-warnings ${flags.maxWarnings} allows.\n`);
    return EXIT_FINDINGS;
  }
  return EXIT_OK;
}

function writeReport(io: CliIO, flags: CheckFlags, text: string): void {
  writeOutput(io, flags.output, text);
}

function diffOf(outcome: FixesOutcome, root: string, readText: (file: string) => string | undefined): string {
  return [...outcome.files]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([file, after]) => createDiff(file, readText(file), after, root))
    .join('');
}

function writeFixedFiles(outcome: FixesOutcome): void {
  for (const [file, text] of outcome.files) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
}

function readIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The engine hands over the text of every analyzed file; a related location or fix may still point at a file it did not
 * analyze (a compose file, a config). Read those from disk so every format can show real positions instead of 1:1.
 */
function withAllTexts<R extends CliAnalysisResult>(result: R): R {
  const missing = new Set<string>();
  const want = (file: string): void => {
    if (!result.texts.has(file)) missing.add(file);
  };
  for (const finding of result.findings) {
    want(finding.file);
    for (const location of finding.related) want(location.file);
    for (const fix of finding.fixes) for (const file of Object.keys(fix.edits)) want(file);
  }
  if (missing.size === 0) return result;
  const texts = new Map(result.texts);
  for (const file of missing) {
    const text = readIfExists(file);
    if (text !== undefined) texts.set(file, text);
  }
  return { ...result, texts };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
