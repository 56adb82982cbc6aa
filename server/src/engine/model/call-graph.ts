// The workspace call graph, resolved without a type checker: a function or method that (transitively) makes a remote
// call is itself remote for its callers — across files and workspace packages, through `this.field` injected by a
// constructor (NestJS DI), `new X()` bindings, imported instances and namespaces, and inline callbacks.
import ts from 'typescript';
import type { CalleeRef, CallSiteFact, FunctionFact, MessageSendFact, RemoteCallFact } from '../facts/types.js';
import type { Location } from '../types.js';
import { forEachDescendant } from '../facts/syntax.js';
import type { DependencyTracker, Dependencies } from './dependency-tracker.js';
import { importBindingsOf } from './import-bindings.js';
import type { AnalyzedFile } from './types.js';

export interface FunctionRef {
  file: string;
  id: string;
}

/** A library call reached from somewhere, and the call sites leading to it (outermost first). */
export interface Reached<Fact> {
  file: string;
  fact: Fact;
  via: Location[];
}

/** A library remote call reached from somewhere. */
export type ReachedCall = Reached<RemoteCallFact>;

/** A library message send (publish, emit, queue add) reached from somewhere: wrappers of producers are followed too. */
export type ReachedSend = Reached<MessageSendFact>;

interface Summary<Fact> {
  reached: Array<Reached<Fact>>;
  dependencies: Dependencies;
}

const MAX_RESOLUTION_DEPTH = 12;

/** Config `remoteCalls`: a function from outside the workspace that makes remote calls (`@acme/rpc` `call`). */
export interface DeclaredRemoteCall {
  module: string;
  export: string;
  kind: 'http' | 'rpc';
}

export class CallGraph {
  private readonly summaries = new Map<string, Summary<RemoteCallFact>>();
  private readonly sendSummaries = new Map<string, Summary<MessageSendFact>>();
  private readonly inProgress = new Set<string>();
  private readonly perFile = new Map<string, FileCallIndex>();

  constructor(
    private readonly files: ReadonlyMap<string, AnalyzedFile>,
    private readonly resolveImportedFile: (fromFile: string, specifier: string) => string | undefined,
    private readonly declaredRemoteCalls: readonly DeclaredRemoteCall[] = [],
    private readonly isConfirmed: (file: string, fact: RemoteCallFact) => boolean = () => true,
    /** Records which files each summary read (an editor session reuses results whose files did not change). */
    private readonly tracker?: DependencyTracker,
  ) {}

  /** What evaluating the call expression at this span does remotely: the call itself, or its callee's summary. */
  effectsOfCall(path: string, start: number, end: number): ReachedCall[] {
    const file = this.files.get(path);
    if (!file) return [];
    const index = this.indexOf(file);
    const reached: ReachedCall[] = [];
    // Library calls evaluated by this expression: itself, or inside its arguments (`firstValueFrom(http.get(u))`),
    // but not inside a function written in it (a callback runs later, or not at all).
    for (const fact of index.remoteCalls) {
      if (fact.start >= start && fact.end <= end && index.innermostFunctionAt(fact.start) === index.innermostFunctionAt(start)) reached.push({ file: path, fact, via: [] });
    }
    const site = index.siteAt(start, end);
    const declared = site && this.declaredRemoteCall(file, site);
    if (declared) return [declared];
    if (site && reached.length === 0) {
      for (const target of this.resolveCallee(file, site.callee, site.caller)) {
        for (const inner of this.effectsOfFunction(target)) reached.push({ ...inner, via: [{ file: path, start: site.start, end: site.end }, ...inner.via] });
      }
    }
    return reached;
  }

  /** Everything a function does remotely, with the call sites in its own body (inline callbacks included) first. */
  effectsOfFunction(ref: FunctionRef): ReachedCall[] {
    return this.summarize(ref, this.summaries, (reached) => this.collectEffects(ref, reached));
  }

  /**
   * The message sends a call leads to through the workspace's own functions (a producer wrapper such as
   * `events.emitMessage(TOPIC, body)`), each with the call sites from this one inward; empty for a library send itself.
   */
  messageSendsOfCall(path: string, start: number, end: number): ReachedSend[] {
    const file = this.files.get(path);
    if (!file) return [];
    const index = this.indexOf(file);
    const site = index.siteAt(start, end);
    if (!site || index.isMessageSendSpan(start, end)) return [];
    const reached: ReachedSend[] = [];
    for (const target of this.resolveCallee(file, site.callee, site.caller)) {
      for (const inner of this.messageSendsOfFunction(target)) reached.push({ ...inner, via: [{ file: path, start: site.start, end: site.end }, ...inner.via] });
    }
    return reached;
  }

  /** Every message send a function makes, directly or through the functions it calls. */
  messageSendsOfFunction(ref: FunctionRef): ReachedSend[] {
    return this.summarize(ref, this.sendSummaries, (reached) => this.collect(ref, reached, (index, id) => index.messageSendsIn(id), (index, site) => index.isMessageSendSpan(site.start, site.end), (target) => this.messageSendsOfFunction(target)));
  }

  private summarize<Fact>(ref: FunctionRef, store: Map<string, Summary<Fact>>, collect: (reached: Array<Reached<Fact>>) => void): Array<Reached<Fact>> {
    const key = `${ref.file}#${ref.id}`;
    const done = store.get(key);
    if (done) {
      this.tracker?.replay(done.dependencies);
      return done.reached;
    }
    // Recursion (direct or mutual) adds nothing new: the cycle's calls are already being collected. What is being
    // built from here depends on how the cycle was entered, so it is not kept beyond this model.
    const progressKey = `${store === this.summaries ? 'remote' : 'send'}:${key}`;
    if (this.inProgress.has(progressKey)) {
      this.tracker?.markUnbounded();
      return [];
    }
    this.inProgress.add(progressKey);
    this.tracker?.begin();
    const reached: Array<Reached<Fact>> = [];
    try {
      collect(reached);
    } catch (error) {
      this.tracker?.end();
      this.inProgress.delete(progressKey);
      throw error;
    }
    this.inProgress.delete(progressKey);
    const dependencies = this.tracker?.end() ?? { files: new Set<string>(), unbounded: false };
    store.set(key, { reached, dependencies });
    return reached;
  }

  private collectEffects(ref: FunctionRef, reached: ReachedCall[]): void {
    this.collect(
      ref,
      reached,
      (index, id) => index.remoteCallsIn(id),
      (index, site) => index.isRemoteCallSpan(site.start, site.end),
      (target) => this.effectsOfFunction(target),
      (file, site) => this.declaredRemoteCall(file, site),
    );
  }

  /** A function's own library calls (inline callbacks included), then what each of its other calls reaches. */
  private collect<Fact>(
    ref: FunctionRef,
    reached: Array<Reached<Fact>>,
    own: (index: FileCallIndex, id: string) => readonly Fact[],
    isOwnSpan: (index: FileCallIndex, site: CallSiteFact) => boolean,
    inner: (target: FunctionRef) => Array<Reached<Fact>>,
    declared?: (file: AnalyzedFile, site: CallSiteFact) => Reached<Fact> | undefined,
  ): void {
    const file = this.files.get(ref.file);
    if (!file) return;
    const index = this.indexOf(file);
    for (const id of index.functionAndInlineChildren(ref.id)) {
      for (const fact of own(index, id)) reached.push({ file: ref.file, fact, via: [] });
      for (const site of index.sitesIn(id)) {
        if (isOwnSpan(index, site)) continue;
        const stands = declared?.(file, site);
        if (stands) {
          reached.push(stands);
          continue;
        }
        for (const target of this.resolveCallee(file, site.callee, site.caller)) {
          for (const found of inner(target)) reached.push({ ...found, via: [{ file: ref.file, start: site.start, end: site.end }, ...found.via] });
        }
      }
    }
  }

  /** A call of a function that config `remoteCalls` declares remote: it stands for the library call itself. */
  private declaredRemoteCall(file: AnalyzedFile, site: CallSiteFact): ReachedCall | undefined {
    if (this.declaredRemoteCalls.length === 0) return undefined;
    const callee = site.callee;
    const binding = callee.kind === 'name' ? callee.name : callee.kind === 'binding-method' ? callee.binding : undefined;
    const imported = binding ? importBindingsOf(file).get(binding) : undefined;
    if (!imported) return undefined;
    const exportName = callee.kind === 'name' ? imported.imported : callee.kind === 'binding-method' && (imported.imported === '*' || imported.imported === 'default') ? callee.method : undefined;
    const declared = this.declaredRemoteCalls.find((d) => d.module === imported.specifier && d.export === exportName);
    if (!declared) return undefined;
    const fact: RemoteCallFact = { start: site.start, end: site.end, kind: declared.kind, library: declared.module, awaited: site.awaited };
    return { file: file.path, fact, via: [] };
  }

  /** The function(s) a call resolves to. */
  resolveCallee(file: AnalyzedFile, callee: CalleeRef, callerId: string): FunctionRef[] {
    const index = this.indexOf(file);
    switch (callee.kind) {
      case 'name':
        return this.resolveName(file, callee.name, 0);
      case 'this-method': {
        const cls = index.classOf(callerId);
        return cls ? this.methodOf({ file: file.path, id: cls }, callee.method) : [];
      }
      case 'this-field-method': {
        const cls = index.classOf(callerId);
        const typeName = cls ? file.facts.classes.find((c) => c.name === cls)?.fieldTypes[callee.field] : undefined;
        const target = typeName ? this.resolveClass(file, typeName, 0) : undefined;
        return target ? this.methodOf(target, callee.method) : [];
      }
      case 'binding-method':
        return this.resolveBindingMethod(file, callee.binding, callee.method, 0);
      default:
        return [];
    }
  }

  private resolveName(file: AnalyzedFile, name: string, depth: number): FunctionRef[] {
    if (depth > MAX_RESOLUTION_DEPTH) return [];
    const local = file.facts.functions.find((f) => f.id === name);
    if (local) return [{ file: file.path, id: local.id }];
    const binding = importBindingsOf(file).get(name);
    if (!binding || binding.imported === '*') return [];
    const target = this.importedFile(file, binding.specifier);
    return target ? this.resolveExportedFunction(target, binding.imported, depth + 1) : [];
  }

  private resolveExportedFunction(file: AnalyzedFile, exported: string, depth: number): FunctionRef[] {
    if (depth > MAX_RESOLUTION_DEPTH) return [];
    const declared = exportedDeclarationName(file, exported);
    const fn = file.facts.functions.find((f) => f.id === declared);
    if (fn) return [{ file: file.path, id: fn.id }];
    for (const target of this.reexportTargets(file, exported)) {
      const found = this.resolveExportedFunction(target.file, target.name, depth + 1);
      if (found.length > 0) return found;
    }
    return [];
  }

  private resolveBindingMethod(file: AnalyzedFile, binding: string, method: string, depth: number): FunctionRef[] {
    if (depth > MAX_RESOLUTION_DEPTH) return [];
    const instance = file.facts.instanceBindings.find((b) => b.name === binding);
    if (instance) {
      const cls = this.resolveClass(file, instance.className, depth + 1);
      return cls ? this.methodOf(cls, method) : [];
    }
    const imported = importBindingsOf(file).get(binding);
    if (imported) {
      const target = this.importedFile(file, imported.specifier);
      if (!target) return [];
      if (imported.imported === '*') return this.resolveExportedFunction(target, method, depth + 1);
      const exportedInstance = target.facts.instanceBindings.find((b) => b.name === exportedDeclarationName(target, imported.imported) && b.exported);
      if (exportedInstance) {
        const cls = this.resolveClass(target, exportedInstance.className, depth + 1);
        return cls ? this.methodOf(cls, method) : [];
      }
      // A static method of an imported class: `InventoryApi.fetchItem()`.
      const cls = this.resolveClass(file, binding, depth + 1);
      return cls ? this.methodOf(cls, method) : [];
    }
    const localClass = file.facts.classes.find((c) => c.name === binding);
    if (localClass) return this.methodOf({ file: file.path, id: localClass.name }, method);
    // A parameter or variable annotated with a class type: `(client: InventoryClient) => client.getItem(id)`.
    const typeName = this.annotatedTypeOf(file, binding);
    const cls = typeName ? this.resolveClass(file, typeName, depth + 1) : undefined;
    return cls ? this.methodOf(cls, method) : [];
  }

  /** The file and class name a class name used in `file` refers to. */
  private resolveClass(file: AnalyzedFile, name: string, depth: number): FunctionRef | undefined {
    if (depth > MAX_RESOLUTION_DEPTH) return undefined;
    if (file.facts.classes.some((c) => c.name === name)) return { file: file.path, id: name };
    const binding = importBindingsOf(file).get(name);
    if (!binding || binding.imported === '*') return undefined;
    const target = this.importedFile(file, binding.specifier);
    return target ? this.resolveExportedClass(target, binding.imported, depth + 1) : undefined;
  }

  private resolveExportedClass(file: AnalyzedFile, exported: string, depth: number): FunctionRef | undefined {
    if (depth > MAX_RESOLUTION_DEPTH) return undefined;
    const declared = exportedDeclarationName(file, exported);
    if (file.facts.classes.some((c) => c.name === declared && c.exported)) return { file: file.path, id: declared };
    for (const target of this.reexportTargets(file, exported)) {
      const found = this.resolveExportedClass(target.file, target.name, depth + 1);
      if (found) return found;
    }
    return undefined;
  }

  private methodOf(cls: FunctionRef, method: string): FunctionRef[] {
    const file = this.files.get(cls.file);
    const id = `${cls.id}.${method}`;
    return file?.facts.functions.some((f) => f.id === id) ? [{ file: cls.file, id }] : [];
  }

  /** `export * from './x'` and `export { a as b } from './x'`: where an exported name may come from. */
  private reexportTargets(file: AnalyzedFile, exported: string): Array<{ file: AnalyzedFile; name: string }> {
    const targets: Array<{ file: AnalyzedFile; name: string }> = [];
    for (const reexport of reexportsOf(file)) {
      const name = reexport.names ? reexport.names.get(exported) : exported;
      const target = name ? this.importedFile(file, reexport.specifier) : undefined;
      if (target && name) targets.push({ file: target, name });
    }
    return targets;
  }

  private annotatedTypeOf(file: AnalyzedFile, binding: string): string | undefined {
    return annotatedTypesOf(file).get(binding);
  }

  private importedFile(file: AnalyzedFile, specifier: string): AnalyzedFile | undefined {
    const path = this.resolveImportedFile(file.path, specifier);
    return path ? this.files.get(path) : undefined;
  }

  private indexOf(file: AnalyzedFile): FileCallIndex {
    let index = this.perFile.get(file.path);
    if (!index || index.file !== file) {
      index = new FileCallIndex(file, (fact) => this.isConfirmed(file.path, fact));
      this.perFile.set(file.path, index);
    }
    return index;
  }
}

// Per-file syntax lookups, cached by the file object: they read only that file's tree, and an editor session keeps the
// objects of unchanged files from one model to the next, so re-linking after an edit reuses them.
const annotatedTypes = new WeakMap<AnalyzedFile, Map<string, string>>();
const reexports = new WeakMap<AnalyzedFile, Array<{ specifier: string; names?: Map<string, string> }>>();
const exportedDeclarations = new WeakMap<AnalyzedFile, Map<string, string>>();

/**
 * Parameters and variables annotated with a plain type name (`(client: InventoryClient) => …`), by name; the first
 * in source order wins.
 */
function annotatedTypesOf(file: AnalyzedFile): Map<string, string> {
  let types = annotatedTypes.get(file);
  if (types) return types;
  const found = (types = new Map());
  forEachDescendant(file.sourceFile, (node) => {
    if ((ts.isParameter(node) || ts.isVariableDeclaration(node)) && ts.isIdentifier(node.name) && node.type && ts.isTypeReferenceNode(node.type) && ts.isIdentifier(node.type.typeName)) {
      if (!found.has(node.name.text)) found.set(node.name.text, node.type.typeName.text);
    }
  });
  annotatedTypes.set(file, types);
  return types;
}

/** `export * from './x'` (every name) and `export { a as b } from './x'` (b → a). */
function reexportsOf(file: AnalyzedFile): Array<{ specifier: string; names?: Map<string, string> }> {
  let list = reexports.get(file);
  if (list) return list;
  list = [];
  for (const statement of file.sourceFile.statements) {
    if (!ts.isExportDeclaration(statement) || !statement.moduleSpecifier || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    if (!statement.exportClause) list.push({ specifier: statement.moduleSpecifier.text });
    else if (ts.isNamedExports(statement.exportClause)) {
      const names = new Map<string, string>();
      for (const element of statement.exportClause.elements) if (!names.has(element.name.text)) names.set(element.name.text, (element.propertyName ?? element.name).text);
      list.push({ specifier: statement.moduleSpecifier.text, names });
    }
  }
  reexports.set(file, list);
  return list;
}

/** The name of the local declaration an export name stands for (`export default router` → 'router'; `export { a as b }` → 'a'). */
function exportedDeclarationName(file: AnalyzedFile, exported: string): string {
  let names = exportedDeclarations.get(file);
  if (!names) {
    names = new Map();
    for (const statement of file.sourceFile.statements) {
      if (ts.isExportAssignment(statement) && ts.isIdentifier(statement.expression)) setOnce(names, 'default', statement.expression.text);
      if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name && statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) {
        setOnce(names, 'default', statement.name.text);
      }
      if (ts.isExportDeclaration(statement) && !statement.moduleSpecifier && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
        for (const element of statement.exportClause.elements) setOnce(names, element.name.text, (element.propertyName ?? element.name).text);
      }
    }
    exportedDeclarations.set(file, names);
  }
  return names.get(exported) ?? exported;
}

function setOnce(map: Map<string, string>, key: string, value: string): void {
  if (!map.has(key)) map.set(key, value);
}

/** Per-file lookups: which function encloses an offset, the call sites and remote calls of each function. */
class FileCallIndex {
  private readonly byId = new Map<string, FunctionFact>();
  private readonly inlineChildren = new Map<string, string[]>();
  private readonly sitesByCaller = new Map<string, CallSiteFact[]>();
  private readonly remoteByFunction = new Map<string, RemoteCallFact[]>();
  private readonly remoteSpans = new Set<string>();
  private readonly sendsByFunction = new Map<string, MessageSendFact[]>();
  private readonly sendSpans = new Set<string>();
  private readonly sitesBySpan = new Map<string, CallSiteFact>();
  /** Functions by start, for innermost lookups. */
  private readonly functions: FunctionFact[];
  /** The file's remote calls that are known to be remote (imported client instances confirmed by their module). */
  readonly remoteCalls: RemoteCallFact[];

  constructor(
    readonly file: AnalyzedFile,
    isConfirmed: (fact: RemoteCallFact) => boolean,
  ) {
    this.remoteCalls = file.facts.remoteCalls.filter(isConfirmed);
    this.functions = [...file.facts.functions].sort((a, b) => a.start - b.start);
    for (const fn of this.functions) {
      this.byId.set(fn.id, fn);
      if (fn.inlineIn) this.inlineChildren.set(fn.inlineIn, [...(this.inlineChildren.get(fn.inlineIn) ?? []), fn.id]);
    }
    for (const site of file.facts.callSites) {
      this.sitesByCaller.set(site.caller, [...(this.sitesByCaller.get(site.caller) ?? []), site]);
      this.sitesBySpan.set(`${site.start}:${site.end}`, site);
    }
    for (const fact of this.remoteCalls) {
      const owner = this.innermostFunctionAt(fact.start) ?? '<module>';
      this.remoteByFunction.set(owner, [...(this.remoteByFunction.get(owner) ?? []), fact]);
      this.remoteSpans.add(`${fact.start}:${fact.end}`);
    }
    for (const fact of file.facts.messageSends) {
      const owner = this.innermostFunctionAt(fact.start) ?? '<module>';
      this.sendsByFunction.set(owner, [...(this.sendsByFunction.get(owner) ?? []), fact]);
      this.sendSpans.add(`${fact.start}:${fact.end}`);
    }
  }

  innermostFunctionAt(offset: number): string | undefined {
    let found: FunctionFact | undefined;
    for (const fn of this.functions) {
      if (fn.start > offset) break;
      if (fn.body.start <= offset && offset < fn.body.end && (!found || fn.start >= found.start)) found = fn;
    }
    return found?.id;
  }

  functionAndInlineChildren(id: string): string[] {
    const ids = [id];
    for (let i = 0; i < ids.length; i++) ids.push(...(this.inlineChildren.get(ids[i]!) ?? []));
    return ids;
  }

  /** The class whose method (or a callback inside one) this function is. */
  classOf(id: string): string | undefined {
    for (let fn = this.byId.get(id); fn; fn = fn.inlineIn ? this.byId.get(fn.inlineIn) : undefined) if (fn.className) return fn.className;
    return undefined;
  }

  sitesIn(id: string): CallSiteFact[] {
    return this.sitesByCaller.get(id) ?? [];
  }

  remoteCallsIn(id: string): RemoteCallFact[] {
    return this.remoteByFunction.get(id) ?? [];
  }

  isRemoteCallSpan(start: number, end: number): boolean {
    return this.remoteSpans.has(`${start}:${end}`);
  }

  messageSendsIn(id: string): MessageSendFact[] {
    return this.sendsByFunction.get(id) ?? [];
  }

  isMessageSendSpan(start: number, end: number): boolean {
    return this.sendSpans.has(`${start}:${end}`);
  }

  siteAt(start: number, end: number): CallSiteFact | undefined {
    return this.sitesBySpan.get(`${start}:${end}`);
  }
}

