// The linked picture of the whole system that rules judge.
import type ts from 'typescript';
import type { FileFacts, HttpClientFact, HttpMethod, RemoteCallFact } from '../facts/types.js';
import type { CheckedFile } from '../program/type-checker.js';
import type { ContractsView } from './contracts.js';
import type { PrismaSchemaFile } from './prisma-schemas.js';
import type { ContractBase } from './contract-snapshot.js';
import type { Location } from '../types.js';
import type { LineMap } from '../text.js';
import type { CodeRole, Workspace } from '../workspace/types.js';

export interface PackageNode {
  name: string;
  root: string;
  /** Name of the service this package is, when it is one; libraries have none. */
  service?: string;
  /** What the package is: a service, a library, a client app (browser or CLI), or test code. */
  kind: 'service' | 'library' | 'client-app' | 'test';
  /** Why it is not a service, when something says so ('Nx library', 'client app: depends on react-dom'). */
  reasons?: string[];
}

export interface ServiceNode {
  name: string;
  /** Absolute root folder; files under it belong to the service. */
  root: string;
  /** The workspace package that is this service, when there is one. */
  packageName?: string;
  /** Why it counts as a service ("compose build context", "http-server entrypoint in src/main.ts", "config"). */
  reasons: string[];
  /** Host names that reach it (compose names, k8s DNS names). */
  hostnames: string[];
  /** Env var names and URLs that address it (from config `urls`, compose/k8s env, naming conventions). */
  addresses: string[];
}

export interface AnalyzedFile {
  path: string;
  /** Relative to the workspace root, forward slashes. */
  relativePath: string;
  text: string;
  lines: LineMap;
  facts: FileFacts;
  /** Parsed on first use: rules that only read facts never pay for it. */
  readonly sourceFile: ts.SourceFile;
  package?: PackageNode;
  service?: ServiceNode;
  /** What the file is for (rules.md "Code roles"); set when the model links it. Findings go to production code by default. */
  role?: CodeRole;
}

export interface ResolvedImport {
  /** Absolute path of the module file, when it resolves to a workspace file. */
  file?: string;
  /** The workspace package the target lies in. */
  package?: PackageNode;
}

/** A string value computed from an expression, with the literals it was folded from. */
export interface FoldedString {
  value: string;
  /** The string literals (or template parts) that contributed text, in order. */
  literals: Array<{
    file: string;
    start: number;
    end: number;
    /** Source text of the literal, quotes included. */
    text: string;
    /** The characters the literal itself contributes (template substitutions left out). */
    ownText: string;
    /** Only the fallback of an env lookup. */
    envDefault?: boolean;
  }>;
  /** Some part came from the environment (process.env.X); `envDefault` when a literal is only its fallback. */
  fromEnv: boolean;
  /** True when the literal is only the fallback of an environment lookup (`process.env.X ?? 'http://…'`). */
  envDefault: boolean;
  /** Parts that could not be resolved were replaced by this marker. */
  complete: boolean;
}

export interface SystemModel {
  root: string;
  workspace: Workspace;
  services: ServiceNode[];
  packages: PackageNode[];
  files: ReadonlyMap<string, AnalyzedFile>;
  file(path: string): AnalyzedFile | undefined;
  /** The service whose root contains the path (a file or folder), if any. */
  serviceOf(path: string): ServiceNode | undefined;
  /** The workspace package whose root contains the path, if any. */
  packageOf(path: string): PackageNode | undefined;
  /** The code role of a file: production, test, tooling or client app. */
  roleOf(path: string): CodeRole;
  /** Whether findings may be reported in the file: production code, or a file config `include` names. */
  isReportable(path: string): boolean;
  /**
   * The production files in path order: what services run. Coupling views (shared libraries, shared databases) count
   * only these, so a test that imports another service's library couples nothing.
   */
  productionFiles(): readonly AnalyzedFile[];
  /** Resolve a module specifier from a file: relative paths, tsconfig `paths`, workspace package names. */
  resolveImport(fromFile: string, specifier: string): ResolvedImport | undefined;
  /** Fold an expression of a file into a string, following constants across modules and env lookups. */
  foldString(file: string, start: number, end: number): FoldedString | undefined;
  /** The HTTP client instance an import names (`import { paymentsApi } from './clients'`), when it is one. */
  importedHttpClient(fromFile: string, imported: { specifier: string; name: string }): { file: AnalyzedFile; client: HttpClientFact } | undefined;
  /** Every inbound endpoint of every service, with full paths (mount prefixes, global prefixes). */
  endpoints: readonly EndpointNode[];
  /**
   * The remote interactions a call expression leads to: itself when it is a library remote call, or what the function
   * it calls does, through wrappers, client classes and injected services. Empty when the call is not remote.
   */
  remoteEffectsOf(file: string, callStart: number, callEnd: number): RemoteEffect[];
  /** Services, synchronous and message edges, chains and cycles. */
  serviceGraph(): ServiceGraph;
  /** tsconfig problems met while resolving modules (missing `extends`, bad JSON). */
  setupProblems(): ReadonlyArray<{ file: string; message: string }>;
  /** The type checker of the program that owns a file, built on first use: ask it only what a rule needs. */
  typeCheckerFor(file: string): CheckedFile | undefined;
  /** Contracts (contracts.ts): contract modules, internal types reaching contracts, schema validations. Computed on first use. */
  readonly contracts: ContractsView;
  /** The workspace's Prisma schema files (models with their `@@map` tables, datasource, generators), read on first use. */
  prismaSchemas(): readonly PrismaSchemaFile[];
  /**
   * The contracts at the git base (breaking-contract-change), set by analyze() before rules run when that rule is on
   * and git could answer; absent otherwise, and the rule is then silent.
   */
  contractBase?: ContractBase;
}

export interface EndpointNode {
  /** `orders GET /orders/:id`, `payments rpc get_payment`. */
  id: string;
  service: string;
  kind: 'http' | 'rpc' | 'event';
  method?: HttpMethod | 'ALL';
  /** The full path: mount prefixes and global prefixes joined, params as `:name`. */
  path?: string;
  pattern?: string;
  /** The route declaration. */
  file: string;
  start: number;
  end: number;
  handler?: { file: string; functionId?: string; start: number; end: number };
}

export interface RemoteTarget {
  service: string;
  endpoint?: EndpointNode;
  /** The folded URL or pattern, for messages and hovers. */
  url?: string;
  /** The HTTP method, also when the library call takes it from a wrapper's parameter. */
  method?: string;
}

export interface RemoteEffect {
  /** The library call that crosses the process boundary. */
  call: { file: string; fact: RemoteCallFact };
  readOnly: boolean;
  /** The target, when the URL or pattern resolves; `{ service: '', method }` is never produced: unresolved is undefined. */
  target?: RemoteTarget;
  /** Call sites leading from the asked call to the library call, outermost first; empty when it is the library call. */
  via: Location[];
}

export interface ServiceEdge {
  from: string;
  to: string;
  kind: 'sync' | 'async';
  /** `GET /items/:id`, `rpc get_ticket`, or the queue/topic for messages. */
  label: string;
  /** The call or send sites that make this edge (in the caller service). */
  sites: Location[];
}

export interface ServiceGraph {
  services: Array<{ name: string; root: string; endpoints: EndpointNode[] }>;
  edges: ServiceEdge[];
  /** Synchronous chains reaching at least three services: the services in order, and the sites of each hop. */
  chains: Array<{ services: string[]; sites: Location[] }>;
  cycles: Array<{ services: string[]; sites: Location[] }>;
  /** Synchronous calls whose target service is unknown (a URL that does not fold, a host outside the workspace), one per site. */
  unresolved: Location[];
}
