// The engine's one entry point for a whole-workspace run (CLI, tests). The language server drives the same steps
// incrementally.
import { existsSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { allRules, lintRules } from '../../../rules/index.js';
import { analyzeTexts, readTexts } from './analysis/load-files.js';
import { FactsCache } from './cache/facts-cache.js';
import { gitBaseKey, loadedConfigText, readManifests } from './cache/key-inputs.js';
import { ResultsCache, resultsKey } from './cache/results-cache.js';
import { runRules, type RuleRun } from './analysis/run-rules.js';
import { summarizeRun, type RunSummary } from './analysis/run-summary.js';
import type { Timings } from './analysis/timings.js';
import { buildSystemModel } from './model/build.js';
import { CONTRACT_BASE_RULE, loadContractBase } from './model/contract-snapshot-base.js';
import type { AnalyzedFile, SystemModel } from './model/types.js';
import {
  applyBaseline,
  applySuppressions,
  ConfigError,
  finalizeFindings,
  loadConfig,
  readBaseline,
  resolveRuleSettings,
  writeBaseline,
  assignFingerprints,
} from './report/index.js';
import type { RuleMeta } from './rule-api.js';
import type { Finding, SetupProblem, SeveritySetting } from './types.js';
import { discoverWorkspace, findWorkspaceRoot } from './workspace/index.js';

/** A problem with how seamlint was invoked or configured: the CLI prints the one-line message and exits 2. */
export class SeamlintError extends Error {}

export interface AnalyzeOptions {
  /** Absolute or cwd-relative paths; the workspace is the one containing the first. Default: cwd. */
  paths: string[];
  configPath?: string;
  ruleOverrides?: Record<string, SeveritySetting>;
  /** Git ref that contracts are compared with (breaking-contract-change); config `base` otherwise. */
  base?: string;
  /** False for untrusted workspaces: git is never run (a repository's config can make git execute its code). Default true. */
  allowGit?: boolean;
  baselinePath?: string;
  updateBaseline?: boolean;
  /** Read and write the facts and results caches in node_modules/.cache/seamlint (the CLI's default; `--no-cache`). */
  cache?: boolean;
  /** Run only these rules (tests, `--rule`-style focus). */
  onlyRules?: string[];
  onProgress?: (message: string) => void;
  /** Filled with the time of each phase and rule when given (`SEAMLINT_TIMING`). */
  timings?: Timings;
}

export interface AnalysisResult {
  root: string;
  findings: Finding[];
  rules: RuleMeta[];
  services: Array<{ name: string; root: string }>;
  texts: ReadonlyMap<string, string>;
  model: SystemModel;
  /** Files skipped, tsconfigs that failed to load, rules that crashed: shown, never fatal. */
  problems: SetupProblem[];
  /** Services, edges, unresolved calls and files of the whole workspace (not only the paths reported on). */
  summary: RunSummary;
}

export async function analyze(options: AnalyzeOptions): Promise<AnalysisResult> {
  const paths = (options.paths.length > 0 ? options.paths : [process.cwd()]).map((p) => resolve(p));
  for (const path of paths) if (!existsSync(path)) throw new SeamlintError(`no such file or directory: ${path}`);
  const root = findWorkspaceRoot(paths[0]!);
  const timings = options.timings;
  const timed = <T>(phase: string, work: () => T): T => (timings ? timings.time(phase, work) : work());
  const { config, settings } = withConfigErrors(() => {
    const loaded = loadConfig(root, options.configPath, allRules);
    return { config: loaded.config, settings: resolveRuleSettings(loaded.config, allRules, options.ruleOverrides) };
  });
  if (options.onlyRules) for (const [id, setting] of settings) if (!options.onlyRules.includes(id)) settings.set(id, { ...setting, severity: 'off' });

  options.onProgress?.('discovering services');
  const discovering = discoverWorkspace(root, { ignore: config.ignore, services: config.services, notServices: config.notServices });
  const workspace = await (timings ? timings.timeAsync('discover workspace', () => discovering) : discovering);
  const problems: SetupProblem[] = [...workspace.problems];
  const texts = timed('read files', () => readTexts(workspace.sourceFiles, problems));

  // Files and the model are built on first use: a warm run whose results are cached needs neither.
  const factsCache = options.cache ? new FactsCache(root) : undefined;
  let files: Map<string, AnalyzedFile> | undefined;
  let model: SystemModel | undefined;
  const filesNow = () => (files ??= timed('parse and extract facts', () => analyzeTexts(root, texts, problems, factsCache)));
  // The config carries the model's options (remote calls, contract and internal-type globs).
  const modelNow = () => (model ??= ((analyzed) => timed('link the system model', () => buildSystemModel(workspace, analyzed, config)))(filesNow()));

  const runs: RuleRun[] = lintRules
    .filter((rule) => settings.get(rule.id)?.severity !== 'off')
    .map((rule) => ({ rule, options: settings.get(rule.id)!.options }));
  const contractsAtBase = runs.some((run) => run.rule.id === CONTRACT_BASE_RULE);
  const resultsCache = options.cache ? new ResultsCache(root) : undefined;
  const key = resultsCache && resultsKey({
    configText: loadedConfigText(root, options.configPath),
    options: { overrides: options.ruleOverrides, onlyRules: options.onlyRules, base: options.base, allowGit: options.allowGit },
    files: texts,
    manifests: readManifests([...workspace.manifestFiles, ...workspace.tsconfigFiles, ...(workspace.prismaFiles ?? [])]),
    gitBase: contractsAtBase && options.allowGit !== false ? await gitBaseKey(root, options.base ?? config.base) : undefined,
  });
  const cached = key ? resultsCache!.get(key) : undefined;

  let findings: Finding[];
  let services: Array<{ name: string; root: string }>;
  let summary: RunSummary;
  if (cached) {
    options.onProgress?.('using cached results');
    findings = cached.findings;
    services = cached.services;
    summary = cached.summary;
    problems.push(...cached.problems);
  } else {
    options.onProgress?.(`parsing ${texts.size} files`);
    const current = modelNow();
    const analysisProblems: SetupProblem[] = [];
    options.onProgress?.('running rules');
    if (contractsAtBase) {
      options.onProgress?.('reading contracts at the git base');
      const loading = () => loadContractBase(current, { base: options.base ?? config.base, allowGit: options.allowGit !== false, ignore: config.ignore, contracts: config.contracts });
      const loaded = await (timings ? timings.timeAsync('read contracts at the git base', loading) : loading());
      if (loaded.base) current.contractBase = loaded.base;
      if (loaded.problem) analysisProblems.push(loaded.problem);
    }
    const raw = timed('run rules', () => runRules(current, runs, filesNow().keys(), analysisProblems, timings));
    analysisProblems.push(...current.setupProblems());
    // Suppressions in code that is never reported in (tests, tooling) are not judged either.
    const suppressions = new Map([...filesNow().values()].filter((file) => current.isReportable(file.path)).map((file) => [file.path, file.facts.suppressions]));
    findings = timed('finish findings', () => {
      const finished = applySuppressions(finalizeFindings(raw, settings), suppressions, settings, (file) => files!.get(file)?.lines);
      return assignFingerprints(finished, root, (file) => texts.get(file));
    });
    services = current.services.map((s) => ({ name: s.name, root: s.root }));
    summary = timed('summarize the system', () => summarizeRun(current, texts.size));
    problems.push(...analysisProblems);
    if (key) resultsCache!.set(key, { findings, services, problems: analysisProblems, summary });
  }
  factsCache?.save();

  if (options.updateBaseline && options.baselinePath) writeBaseline(resolve(options.baselinePath), findings, root);
  else if (options.baselinePath) findings = applyBaseline(findings, withConfigErrors(() => readBaseline(resolve(options.baselinePath!))), root);

  const inScope = (file: string) => paths.some((p) => file === p || file.startsWith(p.endsWith(sep) ? p : p + sep));
  findings = findings.filter((f) => inScope(f.file)).sort(byLocation);
  return {
    root,
    findings,
    rules: allRules,
    services,
    texts,
    get model() {
      return modelNow();
    },
    problems,
    summary,
  };
}

function withConfigErrors<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof ConfigError) throw new SeamlintError(error.message);
    throw error;
  }
}

function byLocation(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.start - b.start || a.ruleId.localeCompare(b.ruleId);
}
