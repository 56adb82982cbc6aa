// What crosses service boundaries, linked across files (rules.md vocabulary "Contract"): which modules are contract
// modules, which persistence or internal types a contract carries (syntax first, the type checker only where syntax
// cannot tell: see value-taint.ts and internal-types.ts), and every validation of data with a schema, with the markers
// that make it reject unknown keys and where the validated data comes from.
import picomatch from 'picomatch';
import ts from 'typescript';
import { isPersistenceTypeModule, type PrismaClientShape } from '../adapters/persistence-types.js';
import type { SchemaFact, SchemaRef, StrictnessMarker, ValidationFact } from '../facts/contract-types.js';
import type { PersistenceFact, Span } from '../facts/types.js';
import { TypeCheckerPool } from '../program/type-checker.js';
import { dataSourcesOf, type DataSource } from './data-sources.js';
import { describePersistence, internalTypesAt, type InternalTypeUse } from './internal-types.js';
import type { PrismaSchemaFile } from './prisma-schemas.js';
import { contractModuleMatcher } from './contract-modules.js';
import { findNodeAt } from './string-folding.js';
import type { AnalyzedFile, EndpointNode, RemoteEffect } from './types.js';
import { ValueTaint } from './value-taint.js';

export type { DataSource, InternalTypeUse, PrismaSchemaFile };

/** A validation of data with a schema, linked to the schema and to where the data comes from. */
export interface ValidationUse {
  file: string;
  fact: ValidationFact;
  /** The schema validated with, when it resolves to one in the workspace. */
  schema?: { file: string; fact: SchemaFact };
  /** What makes this validation reject unknown keys: markers of the schema, of schemas it derives from or uses by name, of the call. */
  strictness: Array<{ file: string; marker: StrictnessMarker }>;
  /** Where the validated data comes from (computed only for validations that reject unknown keys). */
  sources: DataSource[];
}

export interface ContractsView {
  /** rules.md "Contract" modules: `*.dto.ts`, `*.contract(s).ts`, `*.event(s).ts`, contract folders and packages, config `contracts`. */
  isContractModule(file: string): boolean;
  /**
   * The persistence or internal types a contract carries: 'value' at an expression that is sent, 'type' at a declared type,
   * 'declaration' at an interface, type alias or class whose members form a contract.
   */
  internalTypesAt(file: string, at: Span, how: 'value' | 'type' | 'declaration'): InternalTypeUse[];
  /** Every validation of the workspace that uses a schema, with its strictness and (when strict) the data's sources. */
  validations(): readonly ValidationUse[];
}

export interface ContractsHost {
  root: string;
  files: ReadonlyMap<string, AnalyzedFile>;
  endpoints: readonly EndpointNode[];
  resolveImportedFile(fromFile: string, specifier: string): string | undefined;
  remoteEffectsOf(file: string, start: number, end: number): RemoteEffect[];
  prismaSchemas(): readonly PrismaSchemaFile[];
  /** Workspace packages not linked into node_modules, resolved to their source (a fresh clone). */
  resolveWorkspaceModule?(specifier: string, containingFile: string): string | undefined;
}

export interface ContractsOptions {
  /** Config `contracts`: globs of contract modules, relative to the root. */
  contracts?: readonly string[];
  /** Config `internalTypes`: globs of modules whose types must not reach a contract. */
  internalTypes?: readonly string[];
}

const PERSISTENCE_CLASS_KINDS = new Set<PersistenceFact['kind']>(['entity', 'model', 'schema']);
const MAX_SCHEMA_DEPTH = 8;

export class ContractIndex implements ContractsView {
  private readonly isContract: (file: AnalyzedFile) => boolean;
  private readonly isConfiguredInternal: (path: string) => boolean;
  private reaching?: Set<string>;
  private pool?: TypeCheckerPool;
  private validationUses?: ValidationUse[];
  private readonly taint: ValueTaint;

  constructor(
    private readonly host: ContractsHost,
    options: ContractsOptions = {},
  ) {
    this.isContract = contractModuleMatcher(options.contracts);
    this.isConfiguredInternal = globMatcher(options.internalTypes);
    this.taint = new ValueTaint({
      file: (path) => host.files.get(path),
      resolveImportedFile: host.resolveImportedFile,
      moduleReachesInternal: (path) => this.reachesInternal(path),
      isPersistenceModule: isPersistenceTypeModule,
      persistenceClass: (path, start, end) => this.persistenceClassAt(path, start, end),
      isInternalTypeFile: (path) => this.isConfiguredInternal(this.relative(path)),
    });
  }

  isContractModule(path: string): boolean {
    const file = this.host.files.get(path);
    return file !== undefined && this.isContract(file);
  }

  internalTypesAt(path: string, at: Span, how: 'value' | 'type' | 'declaration'): InternalTypeUse[] {
    const file = this.host.files.get(path);
    const node = file && this.reachesInternal(path) ? findNodeAt(file.sourceFile, at.start, at.end) : undefined;
    if (!file || !node) return [];
    // `Promise<Order>` with `Order` an entity class: the declarations say it all.
    const declared = how === 'type' && ts.isTypeNode(node) ? this.taint.persistenceClassOf(file, node) : undefined;
    if (declared) {
      const name = declared.node.name ?? declared.node;
      return [{
        name: declared.fact.name,
        description: describePersistence(declared.fact),
        path: declared.path,
        declaration: { file: declared.file.path, start: name.getStart(declared.file.sourceFile), end: name.end },
        persistence: { file: declared.file.path, fact: declared.fact },
      }];
    }
    if (!this.mayCarryInternal(file, node, how)) return [];
    return internalTypesAt(
      {
        checkerFor: (file) => this.checkers().checkerFor(file),
        persistenceClassAt: (file, start, end) => this.persistenceClassAt(file, start, end),
        isInternalTypeFile: (file) => this.isConfiguredInternal(this.relative(file)),
        prisma: () => this.prismaShape(),
      },
      file,
      at,
      how,
    );
  }

  /** The syntactic answer: false when the node's type certainly holds no internal type. */
  private mayCarryInternal(file: AnalyzedFile, node: ts.Node, how: 'value' | 'type' | 'declaration'): boolean {
    if (how === 'value') return ts.isExpression(node) && this.taint.expression(file, node);
    if (how === 'type') return ts.isTypeNode(node) && this.taint.type(file, node);
    return this.taint.declaration(file, node);
  }

  validations(): readonly ValidationUse[] {
    if (this.validationUses) return this.validationUses;
    const uses: ValidationUse[] = [];
    for (const file of this.host.files.values()) {
      for (const fact of file.facts.validations) {
        const schema = this.schemaOf(file, fact.schema);
        if (!schema && !fact.strictness) continue;
        const strictness = fact.allowsUnknown ? [] : [...(schema ? this.strictnessOf(schema, 0, new Set()) : []), ...(fact.strictness ?? []).map((marker) => ({ file: file.path, marker }))];
        const input = strictness.length > 0 ? findNodeAt(file.sourceFile, fact.input.start, fact.input.end) : undefined;
        const sources = input && ts.isExpression(input) ? dataSourcesOf(this.host, file, input) : [];
        uses.push({ file: file.path, fact, ...(schema ? { schema } : {}), strictness, sources });
      }
    }
    return (this.validationUses = uses);
  }

  /** Whether a module declares, imports or re-exports (transitively) something that can type a stored record. */
  reachesInternal(path: string): boolean {
    return (this.reaching ??= this.computeReaching()).has(path);
  }

  private computeReaching(): Set<string> {
    const importers = new Map<string, string[]>();
    const reaching = new Set<string>();
    for (const file of this.host.files.values()) {
      const direct =
        file.facts.persistence.length > 0 || this.isConfiguredInternal(file.relativePath) || file.facts.imports.some((fact) => isPersistenceTypeModule(fact.specifier));
      if (direct) reaching.add(file.path);
      for (const fact of file.facts.imports) {
        const target = this.host.resolveImportedFile(file.path, fact.specifier);
        if (target === undefined) continue;
        const list = importers.get(target);
        if (list) list.push(file.path);
        else importers.set(target, [file.path]);
      }
    }
    const pending = [...reaching];
    while (pending.length > 0) {
      for (const importer of importers.get(pending.pop()!) ?? []) {
        if (reaching.has(importer)) continue;
        reaching.add(importer);
        pending.push(importer);
      }
    }
    return reaching;
  }

  private persistenceClassAt(path: string, start: number, end: number): PersistenceFact | undefined {
    return this.host.files.get(path)?.facts.persistence.find((fact) => fact.start === start && fact.end === end && PERSISTENCE_CLASS_KINDS.has(fact.kind));
  }

  /**
   * A program that loads the workspace and persistence libraries only: other packages' values are `any` and never internal.
   * Every file with a contract syntax cannot clear is added before the first question, so one program (and one checker)
   * answers them all instead of a rebuild per file.
   */
  private checkers(): TypeCheckerPool {
    if (this.pool) return this.pool;
    this.pool = new TypeCheckerPool(this.host.root, {
      readFile: (path) => this.host.files.get(path)?.text,
      loadsPackage: isPersistenceTypeModule,
      resolveWorkspaceModule: this.host.resolveWorkspaceModule,
    });
    const asked = new Set<string>();
    for (const file of this.host.files.values()) {
      if (!this.reachesInternal(file.path)) continue;
      const spans: Array<{ at: Span; how: 'value' | 'type' | 'declaration' }> = file.facts.contractSites
        .filter((site) => site.kind !== 'request')
        .map((site) => ({ at: site.typeAnnotation ?? site.value, how: site.typeAnnotation ? 'type' : 'value' }));
      if (this.isContractModule(file.path)) {
        for (const declaration of exportedTypeDeclarations(file.sourceFile)) spans.push({ at: { start: declaration.getStart(file.sourceFile), end: declaration.end }, how: 'declaration' });
      }
      const needsChecker = spans.some(({ at, how }) => {
        const node = findNodeAt(file.sourceFile, at.start, at.end);
        if (!node || (how === 'type' && ts.isTypeNode(node) && this.taint.persistenceClassOf(file, node))) return false;
        return this.mayCarryInternal(file, node, how);
      });
      if (needsChecker) asked.add(file.path);
    }
    this.pool.prepare(asked);
    return this.pool;
  }

  private prismaShape(): PrismaClientShape {
    const schemas = this.host.prismaSchemas();
    return { models: new Set(schemas.flatMap((s) => s.schema.models.map((m) => m.name))), outputs: schemas.flatMap((s) => s.outputs) };
  }

  private relative(path: string): string {
    return relativePathIn(this.host.root, path);
  }

  private schemaOf(file: AnalyzedFile, ref: ValidationFact['schema']): { file: string; fact: SchemaFact } | undefined {
    if ('inline' in ref) {
      const fact = file.facts.schemas.find((schema) => schema.start === ref.inline.start && schema.end === ref.inline.end);
      return fact && { file: file.path, fact };
    }
    return this.schemaNamed(file, ref, 0);
  }

  /** A schema by name: a local variable's, or one a module exports (through re-exports). */
  private schemaNamed(file: AnalyzedFile, ref: SchemaRef, depth: number): { file: string; fact: SchemaFact } | undefined {
    if (depth > MAX_SCHEMA_DEPTH) return undefined;
    if ('local' in ref) {
      const fact = file.facts.schemas.find((schema) => schema.name === ref.local);
      return fact && { file: file.path, fact };
    }
    const path = this.host.resolveImportedFile(file.path, ref.specifier);
    const target = path === undefined ? undefined : this.host.files.get(path);
    if (!target) return undefined;
    const fact = target.facts.schemas.find((schema) => schema.exported && schema.name === ref.name);
    if (fact) return { file: target.path, fact };
    for (const reexport of target.facts.exports) {
      if (reexport.kind !== 're-export' || reexport.from === undefined || (reexport.name !== ref.name && reexport.name !== '*')) continue;
      const found = this.schemaNamed(target, { specifier: reexport.from, name: ref.name }, depth + 1);
      if (found) return found;
    }
    return undefined;
  }

  /** The library a schema is built with, following derived schemas to their base. */
  private libraryOf(schema: { file: string; fact: SchemaFact }, depth: number): string {
    if (schema.fact.library || !schema.fact.base || depth > MAX_SCHEMA_DEPTH) return schema.fact.library;
    const file = this.host.files.get(schema.file);
    const base = file && this.schemaNamed(file, schema.fact.base, 0);
    return base ? this.libraryOf(base, depth + 1) : '';
  }

  /** The markers in force for a schema: its own (those meaningful in its library), its base's unless it lets unknown keys through, and those of schemas it uses. */
  private strictnessOf(schema: { file: string; fact: SchemaFact }, depth: number, seen: Set<SchemaFact>): Array<{ file: string; marker: StrictnessMarker }> {
    if (depth > MAX_SCHEMA_DEPTH || seen.has(schema.fact)) return [];
    seen.add(schema.fact);
    const library = this.libraryOf(schema, 0);
    const own = schema.fact.strictness.filter((marker) => schema.fact.library !== '' || marker.library === library).map((marker) => ({ file: schema.file, marker }));
    const file = this.host.files.get(schema.file)!;
    const inherited: Array<{ file: string; marker: StrictnessMarker }> = [];
    if (schema.fact.base && !schema.fact.tolerant) {
      const base = this.schemaNamed(file, schema.fact.base, 0);
      if (base) inherited.push(...this.strictnessOf(base, depth + 1, seen));
    }
    for (const reference of schema.fact.references) {
      const used = this.schemaNamed(file, reference, 0);
      if (used) inherited.push(...this.strictnessOf(used, depth + 1, seen));
    }
    return [...own, ...inherited];
  }
}

/** The exported interfaces, type aliases and classes of a module: a contract module's contract types. */
export function exportedTypeDeclarations(sourceFile: ts.SourceFile): Array<ts.InterfaceDeclaration | ts.TypeAliasDeclaration | ts.ClassDeclaration> {
  return sourceFile.statements.filter(
    (statement): statement is ts.InterfaceDeclaration | ts.TypeAliasDeclaration | ts.ClassDeclaration =>
      (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isClassDeclaration(statement)) &&
      statement.name !== undefined &&
      (ts.getModifiers(statement)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword) ?? false),
  );
}

function globMatcher(globs: readonly string[] | undefined): (relativePath: string) => boolean {
  if (!globs || globs.length === 0) return () => false;
  const matches = picomatch(globs as string[], { dot: true });
  return (relativePath) => matches(relativePath);
}

function relativePathIn(root: string, path: string): string {
  return path.startsWith(`${root}/`) ? path.slice(root.length + 1) : path;
}
