// An editor's long-lived view of one workspace: config, discovered workspace, per-file facts, the linked model and the
// findings, kept current edit by edit. An edit re-extracts only that file and re-links the model from the files already
// analyzed (cheap: facts are per file); rules re-run for the edited file, for files whose findings point into it (their
// offsets moved) and — when the file's cross-file digest changed (digest.ts) — for every file. "Every file" rather than
// "files of connected services": in a real system nearly everything is connected through the service graph, messages
// flow both ways, and library files serve several services, so the narrower set saves little and risks stale findings;
// checking is per file, time-sliced and cancellable, so the editor never waits for all of it (see README). Re-linking
// takes over what the edit cannot have changed (model/model-reuse.ts): module resolution, and each handler's
// synchronous calls whose files are all unchanged, which is most of the service graph's cost.
//
// Mutations (updateFile, file events, option changes) only record what changed; `analyze` applies them. Runs and
// reloads are serialized, so a model is never rebuilt under a running check.
import { resolve } from 'node:path';
import { allRules, lintRules } from '../../../../rules/index.js';
import { runRules, type RuleRun } from '../analysis/run-rules.js';
import { buildSystemModel } from '../model/build.js';
import { CONTRACT_BASE_RULE, loadContractBase, type LoadedContractBase } from '../model/contract-snapshot-base.js';
import { ModelReuse } from '../model/model-reuse.js';
import type { AnalyzedFile, ServiceNode, SystemModel } from '../model/types.js';
import type { RuleSettings, SeamlintConfig } from '../report/index.js';
import type { RawFinding, Rule, RuleMeta } from '../rule-api.js';
import type { Finding, SetupProblem } from '../types.js';
import { discoverWorkspace } from '../workspace/index.js';
import type { Workspace } from '../workspace/types.js';
import { configFileOf, loadConfigState, type ConfigProblem, type ConfigState } from './config-state.js';
import { crossFileDigest } from './digest.js';
import { ChangeQueue } from './change-queue.js';
import { FileClassifier } from './file-kinds.js';
import { FindingsStore } from './findings-store.js';
import { analyzeSafely, errorLine, readDiskText } from './read-file.js';
import { TimeSlicer } from './time-slice.js';
import type { FileEvent, SessionAnalysis, SessionAnalyzeOptions, SessionOptions } from './types.js';

export class WorkspaceSession {
  private configState!: ConfigState;
  private changes!: ChangeQueue;
  private currentWorkspace!: Workspace;
  private currentModel!: SystemModel;
  private readonly rules: readonly Rule[];
  private readonly ruleMetas: readonly RuleMeta[];
  /** The files analyzed so far; the model links a snapshot of it. */
  private readonly files = new Map<string, AnalyzedFile>();
  private readonly digests = new Map<string, string>();
  /** Files whose rules must run again. */
  private readonly dirty = new Set<string>();
  private modelStale = true;
  private refinishAll = false;
  private readonly store = new FindingsStore();
  private readonly fileProblems = new Map<string, SetupProblem>();
  private readonly ruleProblems = new Map<string, SetupProblem[]>();
  private queue: Promise<unknown> = Promise.resolve();
  /** The contracts at the git base (breaking-contract-change), and whether the base may have moved since. */
  private contractBase: LoadedContractBase | undefined;
  private contractBaseDue = true;
  /** What the next model may take over from the last (model-reuse.ts); a new one when files come or go. */
  private modelReuse = new ModelReuse();

  private constructor(
    readonly root: string,
    private options: SessionOptions,
  ) {
    this.rules = options.rules ?? lintRules;
    // Config and severities know every rule (the suppression rules the report layer reports too); injected ones win.
    const injected = new Set(this.rules.map((rule) => rule.id));
    this.ruleMetas = [...allRules.filter((rule) => !injected.has(rule.id)), ...this.rules];
  }

  /** Loads the config and discovers the workspace; files are read by the first `analyze`. */
  static async open(root: string, options: SessionOptions = {}): Promise<WorkspaceSession> {
    const session = new WorkspaceSession(resolve(root), options);
    session.configState = loadConfigState(session.root, options, session.ruleMetas);
    session.changes = new ChangeQueue(new FileClassifier(session.root, session.configState.config.ignore), () => session.configFile);
    await session.rediscover();
    session.currentModel = buildSystemModel(session.currentWorkspace, new Map(), session.configState.config);
    return session;
  }

  // ---- what the session holds -----------------------------------------------------------------------------------

  /** The model of the last analysis (consistent with itself even while a newer edit waits to be analyzed). */
  get model(): SystemModel {
    return this.currentModel;
  }
  get workspace(): Workspace {
    return this.currentWorkspace;
  }
  get config(): SeamlintConfig {
    return this.configState.config;
  }
  get settings(): RuleSettings {
    return this.configState.settings;
  }
  /** Absolute path of the config file in effect (it may not exist). */
  get configFile(): string {
    return this.configState.file;
  }
  /** What is wrong with the config file, when something is: defaults apply meanwhile. */
  get configProblem(): ConfigProblem | undefined {
    return this.configState.configProblem;
  }
  get services(): readonly ServiceNode[] {
    return this.currentModel.services;
  }
  get fileCount(): number {
    return this.files.size;
  }

  /** The file as the current model knows it. */
  file(path: string): AnalyzedFile | undefined {
    return this.currentModel.file(path);
  }

  /** The text the session analyzes for a file: the editor's, else the last one read. */
  textOf(path: string): string | undefined {
    return this.changes.overlayOf(path) ?? this.files.get(path)?.text;
  }

  findingsOf(path: string): readonly Finding[] {
    return this.store.findingsOf(path);
  }
  /** Changes whenever the file's findings change; a cheap result id for pull diagnostics. */
  revisionOf(path: string): number {
    return this.store.revisionOf(path);
  }
  filesWithFindings(): string[] {
    return this.store.filesWithFindings();
  }
  /** Files that have or once had findings. */
  filesEverReported(): string[] {
    return this.store.knownTargets();
  }

  /** Nothing waits to be read, linked or re-checked: for `path`, or for the whole workspace. */
  isCurrent(path?: string): boolean {
    return !this.changes.pending && (path === undefined ? this.dirty.size === 0 : !this.dirty.has(path));
  }

  /** Setup problems: config, editor overrides, manifests, unreadable files, rules that failed, tsconfigs. Never fatal. */
  problems(): SetupProblem[] {
    return [
      ...(this.configProblem ? [this.configProblem] : []),
      ...this.configState.overrideProblems,
      ...this.currentWorkspace.problems,
      ...this.fileProblems.values(),
      ...[...this.ruleProblems.values()].flat(),
      ...this.currentModel.setupProblems(),
    ];
  }

  // ---- recording changes --------------------------------------------------------------------------------------------

  /** The editor's text for a file (unsaved edits included). False when the session does not analyze such a file. */
  updateFile(path: string, text: string): boolean {
    return this.changes.updateFile(path, text);
  }

  /** The editor closed the file: the disk's text counts again. */
  revertFile(path: string): void {
    this.changes.revertFile(path);
  }

  addFile(path: string): void {
    this.changes.notifyFileEvents([{ path, type: 'created' }]);
  }

  removeFile(path: string): void {
    this.changes.notifyFileEvents([{ path, type: 'deleted' }]);
  }

  /** What happened on disk (file watchers): sources come and go, manifests and the config trigger a reload. */
  notifyFileEvents(events: readonly FileEvent[]): void {
    this.changes.notifyFileEvents(events);
    // A checkout or a pull changes files on disk and may move the merge-base.
    if (events.length > 0) this.contractBaseDue = true;
  }

  /** Forget nothing but trust nothing: discover again and re-read every file the editor does not hold. */
  rescan(): void {
    this.changes.rescan();
    this.contractBaseDue = true;
  }

  /** Editor settings changed (config path, rule overrides, base): the config is read again on the next run. */
  setOptions(options: Omit<SessionOptions, 'rules'>): void {
    if (configFileOf(this.root, options) !== this.configFile) this.changes.configFileMoved();
    this.options = { ...options, rules: this.rules };
    this.changes.configStale = true;
  }

  async reloadConfig(): Promise<void> {
    this.changes.configStale = true;
    await this.serialized(() => this.applySetupChanges());
  }

  async reloadWorkspace(): Promise<void> {
    this.changes.workspaceStale = true;
    await this.serialized(() => this.applySetupChanges());
  }

  // ---- analysis -------------------------------------------------------------------------------------------------------

  /**
   * Brings findings up to date: applies recorded changes, re-links when files changed, and re-checks the files due —
   * only those of `paths` when given (the rest stay due for a later run), else all.
   */
  analyze(paths?: readonly string[], options: SessionAnalyzeOptions = {}): Promise<SessionAnalysis> {
    return this.serialized(() => this.runAnalysis(paths, options));
  }

  /**
   * The findings `path` would have with `text`, leaving the session as it is (fix-all's later passes). Only the rules'
   * reports into that file count.
   */
  previewFindings(path: string, text: string): readonly Finding[] {
    const analyzed = analyzeSafely(this.root, path, text).file;
    const files = new Map(this.files);
    files.set(path, analyzed);
    const model = buildSystemModel(this.modelWorkspace(), files, this.config);
    model.contractBase = this.currentModel.contractBase;
    const store = new FindingsStore();
    store.setRaw(path, runRules(model, this.ruleRuns(), [path], []));
    store.finish([path], { settings: this.settings, suppressionsOf: (file) => (model.isReportable(file) ? (files.get(file)?.facts.suppressions ?? []) : []), linesOf: (file) => files.get(file)?.lines });
    return store.findingsOf(path);
  }

  private async runAnalysis(paths: readonly string[] | undefined, options: SessionAnalyzeOptions): Promise<SessionAnalysis> {
    const started = performance.now();
    const slicer = new TimeSlicer(options.token);
    const phases = { setup: 0, extract: 0, link: 0, check: 0, finish: 0 };
    let mark = started;
    const lap = (phase: keyof typeof phases) => {
      const now = performance.now();
      phases[phase] += now - mark;
      mark = now;
    };

    if (this.changes.configStale || this.changes.workspaceStale) {
      options.onProgress?.({ phase: 'discovering', done: 0, total: 1 });
      await this.applySetupChanges();
    }
    lap('setup');
    const touched = new Set<string>();
    const { extracted, crossFileChange, cancelled } = await this.applyFileChanges(slicer, touched, options);
    lap('extract');
    let checked = 0;
    if (!cancelled) {
      if (this.modelStale) this.relink(options);
      if (this.contractBaseDue) await this.refreshContractBase();
      lap('link');
      const due = paths ? paths.map((path) => resolve(path)).filter((path) => this.dirty.has(path)) : [...this.dirty].sort();
      checked = await this.check(due, slicer, touched, options);
      lap('check');
    }
    const changed = this.finish(touched);
    lap('finish');
    const wanted = paths ? paths.map((path) => resolve(path)) : this.store.filesWithFindings();
    return {
      cancelled: slicer.cancelled,
      changed,
      extracted,
      checked,
      crossFileChange,
      durationMs: performance.now() - started,
      phases,
      findings: new Map(wanted.map((path) => [path, this.store.findingsOf(path)])),
      complete: this.isCurrent(),
    };
  }

  /** Re-reads the config and/or re-discovers the workspace; marks everything due when either changed what rules see. */
  private async applySetupChanges(): Promise<void> {
    if (this.changes.configStale) {
      this.changes.configStale = false;
      const before = this.configState;
      this.configState = loadConfigState(this.root, this.options, this.ruleMetas, this.changes.overlayOf(this.configFile));
      const after = this.configState.config;
      if (JSON.stringify([before.config.ignore, before.config.services]) !== JSON.stringify([after.ignore, after.services]) || before.file !== this.configState.file) {
        this.changes.workspaceStale = true;
      }
      // New options or remote-call declarations change what rules report (new severities only how findings are finished,
      // but telling them apart is not worth it: config changes are rare).
      const rulesSee = (state: ConfigState) => JSON.stringify([state.config.remoteCalls, [...state.settings]]);
      if (rulesSee(before) !== rulesSee(this.configState)) this.markAllDue();
      this.changes.setClassifier(new FileClassifier(this.root, after.ignore));
    }
    if (this.changes.workspaceStale) {
      this.changes.workspaceStale = false;
      await this.rediscover();
      this.markAllDue();
    }
    // New base setting, contract globs or ignore globs: load the base afresh. Module resolution, env values and
    // declared remote calls may have moved: the next model reuses nothing.
    this.modelReuse = new ModelReuse();
    this.contractBase = undefined;
    this.contractBaseDue = true;
  }

  /**
   * Loads the contracts at the git base when breaking-contract-change runs (a session whose options disallow git never
   * asks git). Reused while the base resolves to the same commit; a different base re-checks every file.
   */
  private async refreshContractBase(): Promise<void> {
    if (!this.ruleRuns().some((run) => run.rule.id === CONTRACT_BASE_RULE)) return;
    this.contractBaseDue = false;
    const { config } = this.configState;
    const previous = this.contractBase;
    const loaded = await loadContractBase(this.currentModel, {
      base: config.base,
      allowGit: this.options.allowGit !== false,
      ignore: config.ignore,
      contracts: config.contracts,
      snapshotWhenUnchanged: true,
      ...(previous ? { previous } : {}),
    });
    this.contractBase = loaded;
    this.currentModel.contractBase = loaded.base;
    if (loaded.problem) this.fileProblems.set(BASE_PROBLEM_KEY, loaded.problem);
    else this.fileProblems.delete(BASE_PROBLEM_KEY);
    if (loaded !== previous && (loaded.sha !== previous?.sha || loaded.problem?.message !== previous?.problem?.message)) {
      for (const path of this.files.keys()) this.dirty.add(path);
    }
  }

  private async rediscover(): Promise<void> {
    const { config } = this.configState;
    this.currentWorkspace = await discoverWorkspace(this.root, { ignore: config.ignore, services: config.services, notServices: config.notServices });
    this.changes.discovered(this.currentWorkspace.sourceFiles);
  }

  private markAllDue(): void {
    this.modelStale = true;
    this.refinishAll = true;
    for (const path of this.files.keys()) this.dirty.add(path);
  }

  /** Reads and extracts changed files; decides which files are due for re-checking. */
  private async applyFileChanges(slicer: TimeSlicer, touched: Set<string>, options: SessionAnalyzeOptions) {
    let crossFileChange = false;
    for (const path of this.changes.takeRemovals()) if (this.forget(path, touched)) crossFileChange = true;

    let extracted = 0;
    const due = this.changes.readsDue();
    for (const path of due) {
      if (await slicer.pause()) break;
      this.changes.takeRead(path);
      extracted++;
      if (extracted % 20 === 0) options.onProgress?.({ phase: 'reading', done: extracted, total: due.length });
      const text = this.changes.overlayOf(path) ?? this.readFromDisk(path);
      if (text === undefined) {
        if (this.forget(path, touched, true)) crossFileChange = true;
        continue;
      }
      const previous = this.files.get(path);
      if (previous?.text === text) continue;
      // A new file can make an import resolve that did not: nothing linked before may be kept.
      if (!previous) this.modelReuse = new ModelReuse();
      const { file, problem } = analyzeSafely(this.root, path, text);
      if (problem) this.fileProblems.set(path, problem);
      else this.fileProblems.delete(path);
      const digest = crossFileDigest(file.text, file.facts);
      if (this.digests.get(path) !== digest) crossFileChange = true;
      this.digests.set(path, digest);
      this.files.set(path, file);
      this.modelStale = true;
      this.dirty.add(path);
      // Their findings point into this file: the offsets they hold may have moved.
      for (const checker of this.store.checkersMentioning(path)) this.dirty.add(checker);
    }
    if (crossFileChange) for (const path of this.files.keys()) this.dirty.add(path);
    return { extracted, crossFileChange, cancelled: slicer.cancelled };
  }

  /** Drops a file from the analysis; true when it was part of it. `keepProblem`: its read failure stays reported. */
  private forget(path: string, touched: Set<string>, keepProblem = false): boolean {
    if (!keepProblem) this.fileProblems.delete(path);
    this.ruleProblems.delete(path);
    this.dirty.delete(path);
    for (const target of this.store.dropRaw(path)) touched.add(target);
    touched.add(path);
    this.digests.delete(path);
    if (!this.files.delete(path)) return false;
    this.modelReuse = new ModelReuse();
    this.modelStale = true;
    return true;
  }

  private readFromDisk(path: string): string | undefined {
    const read = readDiskText(path);
    if (read.problem) this.fileProblems.set(path, read.problem);
    else this.fileProblems.delete(path);
    return read.text;
  }

  private modelWorkspace(): Workspace {
    return { ...this.currentWorkspace, sourceFiles: [...this.files.keys()].sort() };
  }

  private relink(options: SessionAnalyzeOptions): void {
    options.onProgress?.({ phase: 'linking', done: 0, total: 1 });
    this.modelStale = false;
    try {
      const contractBase = this.currentModel.contractBase;
      const { remoteCalls, contracts, internalTypes, include } = this.config;
      this.currentModel = buildSystemModel(this.modelWorkspace(), new Map(this.files), { remoteCalls, contracts, internalTypes, include, reuse: this.modelReuse });
      this.currentModel.contractBase = contractBase;
      this.fileProblems.delete(LINK_PROBLEM_KEY);
    } catch (error) {
      // A bug in linking must not take the editor down: the previous model stays, and the problem is shown.
      this.fileProblems.set(LINK_PROBLEM_KEY, { message: `linking the system model failed: ${errorLine(error)}` });
    }
  }

  private ruleRuns(): RuleRun[] {
    return this.rules.filter((rule) => this.settings.get(rule.id)?.severity !== 'off').map((rule) => ({ rule, options: this.settings.get(rule.id)!.options }));
  }

  private async check(due: readonly string[], slicer: TimeSlicer, touched: Set<string>, options: SessionAnalyzeOptions): Promise<number> {
    const runs = this.ruleRuns();
    let checked = 0;
    for (const path of due) {
      if (await slicer.pause()) break;
      this.dirty.delete(path);
      if (!this.currentModel.file(path)) continue;
      const problems: SetupProblem[] = [];
      let raw: RawFinding[];
      try {
        raw = runRules(this.currentModel, runs, [path], problems, options.timings);
      } catch (error) {
        // runRules isolates each rule; this is the model itself failing on this file.
        raw = [];
        problems.push({ file: path, message: `analysis failed: ${errorLine(error)}` });
      }
      if (problems.length > 0) this.ruleProblems.set(path, problems);
      else this.ruleProblems.delete(path);
      for (const target of this.store.setRaw(path, raw)) touched.add(target);
      checked++;
      if (checked % 20 === 0) options.onProgress?.({ phase: 'checking', done: checked, total: due.length });
    }
    return checked;
  }

  private finish(touched: Set<string>): string[] {
    // After a setup change, finish every file at once (turned-off rules vanish now, not when each file's turn comes).
    const targets = this.refinishAll ? new Set([...touched, ...this.store.knownTargets(), ...this.files.keys()]) : touched;
    this.refinishAll = false;
    return this.store.finish(targets, {
      settings: this.settings,
      // Suppressions in code that is never reported in (tests, tooling) are not judged either.
      suppressionsOf: (file) => (this.currentModel.isReportable(file) ? (this.files.get(file)?.facts.suppressions ?? []) : []),
      linesOf: (file) => this.files.get(file)?.lines,
    });
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

const LINK_PROBLEM_KEY = '\0link';
const BASE_PROBLEM_KEY = '\0contract-base';

