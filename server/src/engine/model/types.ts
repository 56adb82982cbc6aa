// The linked picture of the whole system that rules judge.
import type ts from 'typescript';
import type { FileFacts } from '../facts/types.js';
import type { LineMap } from '../text.js';
import type { Workspace } from '../workspace/types.js';

export interface PackageNode {
  name: string;
  root: string;
  /** Name of the service this package is, when it is one; libraries have none. */
  service?: string;
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
  /** Resolve a module specifier from a file: relative paths, tsconfig `paths`, workspace package names. */
  resolveImport(fromFile: string, specifier: string): ResolvedImport | undefined;
  /** Fold an expression of a file into a string, following constants across modules and env lookups. */
  foldString(file: string, start: number, end: number): FoldedString | undefined;
  /** tsconfig problems met while resolving modules (missing `extends`, bad JSON). */
  setupProblems(): ReadonlyArray<{ file: string; message: string }>;
}
