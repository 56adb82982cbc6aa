// An editor's long-lived view of one workspace: config, discovered workspace, per-file facts, the linked model and the
// findings, kept current edit by edit. An edit re-extracts only that file and re-links the model from the files already
// analyzed (cheap: facts are per file); rules re-run for the edited file, for files whose findings point into it (their
// offsets moved) and — when the file's cross-file digest changed (digest.ts) — for every file. "Every file" rather than
// "files of connected services": in a real system nearly everything is connected through the service graph, messages
// flow both ways, and library files serve several services, so the narrower set saves little and risks stale findings;
// checking is per file, time-sliced and cancellable, so the editor never waits for all of it (see README).
//
// Mutations (updateFile, file events, option changes) only record what changed; `analyze` applies them. Runs and
// reloads are serialized, so a model is never rebuilt under a running check.
import { statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { lintRules } from '../../../../rules/index.js';
import { analyzeText } from '../analysis/load-files.js';
import { runRules, type RuleRun } from '../analysis/run-rules.js';
import { buildSystemModel } from '../model/build.js';
import type { AnalyzedFile, ServiceNode, SystemModel } from '../model/types.js';
import { MAX_FILE_BYTES, looksBinary, readSourceText } from '../program/source-text.js';
import type { RuleSettings, SeamlintConfig } from '../report/index.js';
import type { RawFinding, Rule } from '../rule-api.js';
import type { Finding, SetupProblem } from '../types.js';
import { discoverWorkspace } from '../workspace/index.js';
import type { Workspace } from '../workspace/types.js';
import { configFileOf, loadConfigState, type ConfigProblem, type ConfigState } from './config-state.js';
import { crossFileDigest } from './digest.js';
import { FileClassifier } from './file-kinds.js';
import { FindingsStore } from './findings-store.js';
import { TimeSlicer } from './time-slice.js';
import type { FileEvent, SessionAnalysis, SessionAnalyzeOptions, SessionOptions } from './types.js';

export class WorkspaceSession {
  private configState!: ConfigState;
  private classifier!: FileClassifier;
  private currentWorkspace!: Workspace;
  private currentModel!: SystemModel;
  private readonly rules: readonly Rule[];
  /** The files analyzed so far; the model links a snapshot of it. */
  private readonly files = new Map<string, AnalyzedFile>();
  private readonly digests = new Map<string, string>();
  /** Unsaved editor text, which wins over the disk. */
  private readonly overlays = new Map<string, string>();
  private configOverlay: string | undefined;
  /** Source files the session should hold: discovered, plus created and opened ones, minus deleted ones. */
  private readonly sources = new Set<string>();
  private readonly pendingReads = new Set<string>();
  private readonly pendingRemovals = new Set<string>();
  private readonly dirty = new Set<string>();
  private configStale = false;
  private workspaceStale = false;
  private modelStale = true;
  private refinishAll = false;
  private readonly store = new FindingsStore();
  private readonly fileProblems = new Map<string, SetupProblem>();
  private readonly ruleProblems = new Map<string, SetupProblem[]>();
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly root: string,
    private options: SessionOptions,
  ) {
    this.rules = options.rules ?? lintRules;
  }

  /** Loads the config and discovers the workspace; files are read by the first `analyze`. */
  static async open(root: string, options: SessionOptions = {}): Promise<WorkspaceSession> {
    const session = new WorkspaceSession(resolve(root), options);
    session.configState = loadConfigState(session.root, options, session.rules);
    session.classifier = new FileClassifier(session.root, session.configState.config.ignore);
    await session.rediscover();
    session.currentModel = buildSystemModel(session.currentWorkspace, new Map(), { remoteCalls: session.configState.config.remoteCalls });
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
    if (path === this.configFile && this.configOverlay !== undefined) return this.configOverlay;
    return this.overlays.get(path) ?? this.files.get(path)?.text;
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
    const setupPending = this.configStale || this.workspaceStale || this.pendingReads.size > 0 || this.pendingRemovals.size > 0;
    return !setupPending && (path === undefined ? this.dirty.size === 0 : !this.dirty.has(path));
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
    if (path === this.configFile) {
      this.configOverlay = text;
      this.configStale = true;
      return true;
    }
    if (!this.sources.has(path) && this.classifier.kindOf(path) !== 'source') return false;
    this.overlays.set(path, text);
    this.sources.add(path);
    this.pendingRemovals.delete(path);
    this.pendingReads.add(path);
    return true;
  }

  /** The editor closed the file: the disk's text counts again. */
  revertFile(path: string): void {
    if (path === this.configFile) {
      if (this.configOverlay !== undefined) this.configStale = true;
      this.configOverlay = undefined;
      return;
    }
    if (this.overlays.delete(path) && this.sources.has(path)) this.pendingReads.add(path);
  }

  addFile(path: string): void {
    this.notifyFileEvents([{ path, type: 'created' }]);
  }

  removeFile(path: string): void {
    this.notifyFileEvents([{ path, type: 'deleted' }]);
  }

  /** What happened on disk (file watchers): sources come and go, manifests and the config trigger a reload. */
  notifyFileEvents(events: readonly FileEvent[]): void {
    for (const { path, type } of events) {
      if (path === this.configFile) {
        this.configStale = true;
        continue;
      }
      const kind = this.classifier.kindOf(path);
      if (kind === 'manifest') this.workspaceStale = true;
      else if (kind === 'source' && type !== 'deleted') {
        if (this.overlays.has(path)) continue;
        this.sources.add(path);
        this.pendingRemovals.delete(path);
        this.pendingReads.add(path);
      } else if (type === 'deleted') {
        // A file, or a folder (watchers report a deleted folder once, not each file in it).
        for (const known of this.sources) {
          if (known !== path && !known.startsWith(path + sep)) continue;
          this.overlays.delete(known);
          this.pendingReads.delete(known);
          this.pendingRemovals.add(known);
        }
      } else if (type === 'created' && isDirectory(path)) this.workspaceStale = true;
    }
  }

  /** Editor settings changed (config path, rule overrides, base): the config is read again on the next run. */
  setOptions(options: Omit<SessionOptions, 'rules'>): void {
    if (configFileOf(this.root, options) !== this.configFile) this.configOverlay = undefined;
    this.options = { ...options, rules: this.rules };
    this.configStale = true;
  }

  /** Forget nothing but trust nothing: discover again and re-read every file the editor does not hold. */
  rescan(): void {
    this.configStale = true;
    this.workspaceStale = true;
    for (const path of this.sources) if (!this.overlays.has(path)) this.pendingReads.add(path);
  }

  async reloadConfig(): Promise<void> {
    this.configStale = true;
    await this.serialized(() => this.applySetupChanges());
  }

  async reloadWorkspace(): Promise<void> {
    this.workspaceStale = true;
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
    const analyzed = this.safeAnalyzeText(path, text).file;
    const files = new Map(this.files);
    files.set(path, analyzed);
    const model = buildSystemModel(this.modelWorkspace(), files, { remoteCalls: this.config.remoteCalls });
    const store = new FindingsStore();
    store.setRaw(path, runRules(model, this.ruleRuns(), [path], []));
    store.finish([path], { settings: this.settings, suppressionsOf: (file) => files.get(file)?.facts.suppressions ?? [], linesOf: (file) => files.get(file)?.lines });
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

    if (this.configStale || this.workspaceStale) {
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
    if (this.configStale) {
      this.configStale = false;
      const before = this.configState;
      this.configState = loadConfigState(this.root, this.options, this.rules, this.configOverlay);
      const after = this.configState.config;
      if (JSON.stringify([before.config.ignore, before.config.services]) !== JSON.stringify([after.ignore, after.services]) || before.file !== this.configState.file) {
        this.workspaceStale = true;
      }
      if (JSON.stringify(before.config.remoteCalls) !== JSON.stringify(after.remoteCalls)) this.markAllDue();
      if (JSON.stringify([...before.settings]) !== JSON.stringify([...this.configState.settings])) {
        // New options change what rules report; new severities only change how findings are finished.
        this.markAllDue();
      }
      this.classifier = new FileClassifier(this.root, after.ignore);
    }
    if (this.workspaceStale) {
      this.workspaceStale = false;
      await this.rediscover();
      this.markAllDue();
    }
  }

  private async rediscover(): Promise<void> {
    const { config } = this.configState;
    this.currentWorkspace = await discoverWorkspace(this.root, { ignore: config.ignore, services: config.services });
    const discovered = new Set(this.currentWorkspace.sourceFiles);
    for (const path of this.sources) if (!discovered.has(path) && !this.overlays.has(path)) this.pendingRemovals.add(path);
    for (const path of discovered) {
      if (this.sources.has(path)) continue;
      this.sources.add(path);
      this.pendingReads.add(path);
    }
  }

  private markAllDue(): void {
    this.modelStale = true;
    this.refinishAll = true;
    for (const path of this.files.keys()) this.dirty.add(path);
  }

  /** Reads and extracts changed files; decides which files are due for re-checking. */
  private async applyFileChanges(slicer: TimeSlicer, touched: Set<string>, options: SessionAnalyzeOptions) {
    let crossFileChange = false;
    for (const path of this.pendingRemovals) {
      this.sources.delete(path);
      this.pendingReads.delete(path);
      if (this.forget(path, touched)) crossFileChange = true;
    }
    this.pendingRemovals.clear();

    let extracted = 0;
    const total = this.pendingReads.size;
    for (const path of [...this.pendingReads].sort()) {
      if (await slicer.pause()) break;
      this.pendingReads.delete(path);
      extracted++;
      if (extracted % 20 === 0) options.onProgress?.({ phase: 'reading', done: extracted, total });
      const text = this.overlays.get(path) ?? this.readFromDisk(path);
      if (text === undefined) {
        if (this.forget(path, touched, true)) crossFileChange = true;
        continue;
      }
      const previous = this.files.get(path);
      if (previous?.text === text) continue;
      const { file, problem } = this.safeAnalyzeText(path, text);
      if (problem) this.fileProblems.set(path, problem);
      else this.fileProblems.delete(path);
      const digest = crossFileDigest(file.text, file.facts);
      if (this.digests.get(path) !== digest) crossFileChange = true;
      this.digests.set(path, digest);
      this.files.set(path, file);
      this.modelStale = true;
      this.dirty.add(path);
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
    this.modelStale = true;
    return true;
  }

  private readFromDisk(path: string): string | undefined {
    const read = readSourceText(path);
    if (read.ok) return read.text;
    if (!read.reason.startsWith('cannot read')) this.fileProblems.set(path, { file: path, message: read.reason });
    else this.fileProblems.delete(path);
    return undefined;
  }

  /** Parses and extracts; huge or binary editor text and parser crashes give an empty file and a problem, never a throw. */
  private safeAnalyzeText(path: string, text: string): { file: AnalyzedFile; problem?: SetupProblem } {
    if (text.length > MAX_FILE_BYTES / 4 && Buffer.byteLength(text) > MAX_FILE_BYTES) {
      return { file: analyzeText(this.root, path, ''), problem: { file: path, message: `skipped: larger than the ${MAX_FILE_BYTES / 1024 / 1024} MB limit` } };
    }
    if (looksBinary(Buffer.from(text.slice(0, 8192)))) return { file: analyzeText(this.root, path, ''), problem: { file: path, message: 'skipped: binary content' } };
    try {
      const file = analyzeText(this.root, path, text);
      if (file.facts.parseDiagnostics < 0) return { file, problem: { file: path, message: 'skipped: too deeply nested for the TypeScript parser' } };
      return { file };
    } catch (error) {
      return { file: analyzeText(this.root, path, ''), problem: { file: path, message: `could not be parsed: ${errorLine(error)}` } };
    }
  }

  private modelWorkspace(): Workspace {
    return { ...this.currentWorkspace, sourceFiles: [...this.files.keys()].sort() };
  }

  private relink(options: SessionAnalyzeOptions): void {
    options.onProgress?.({ phase: 'linking', done: 0, total: 1 });
    this.modelStale = false;
    try {
      this.currentModel = buildSystemModel(this.modelWorkspace(), new Map(this.files), { remoteCalls: this.config.remoteCalls });
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
        raw = runRules(this.currentModel, runs, [path], problems);
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
      suppressionsOf: (file) => this.files.get(file)?.facts.suppressions ?? [],
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

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function errorLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
