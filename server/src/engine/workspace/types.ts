// What the workspace layer knows: files, folders, manifests. Nothing about TypeScript semantics.
import type { SetupProblem } from '../types.js';

/** Where a package was found. */
export type PackageSource = 'config' | 'npm-workspaces' | 'pnpm-workspaces' | 'nx' | 'nest-cli' | 'deployment' | 'manifest' | 'tsconfig-paths' | 'folder';

/**
 * What a file is for (rules.md "Code roles"). Rules report only in production code by default; the others stay in the
 * index so imports and values resolve.
 */
export type CodeRole = 'production' | 'test' | 'tooling' | 'client-app';

/** What a package's own manifests say about it: the evidence service detection weighs (architecture.md). */
export interface PackageTraits {
  /** Nx `projectType`, or the project `type` of nest-cli.json; a tsconfig-path folder is a library. */
  declaredType?: 'application' | 'library';
  /** An Nx target that runs it as a process (`serve` with a node executor), e.g. 'serve (@nx/js:node)'. */
  serveTarget?: string;
  /** Its own Dockerfile (absolute), in its folder. */
  dockerfile?: string;
  /** package.json `scripts.start` when it runs a program (node, ts-node, nest start…), not a dev server or a watch build. */
  startScript?: string;
  /** Why it is a browser or command-line app ('depends on react-dom', 'package.json bin'); such a package is never a service. */
  clientApp?: string;
  /** Why all of it is test code ('Nx e2e project', 'package named for testing'). */
  testCode?: string;
}


export interface WorkspacePackage {
  /** package.json name, or Nx project name, or the folder name. */
  name: string;
  /** Absolute path of the package folder. */
  root: string;
  source: PackageSource;
  /** Absolute path of its tsconfig.json, when it has one. */
  tsconfigPath?: string;
  /** Names of workspace packages it depends on (from package.json dependencies of any kind). */
  dependsOn: string[];
  /**
   * Set only for packages found by the folder fallback, where the folder says what it is: `services/*`, `apps/*` are
   * services, `packages/*`, `libs/*` libraries. Elsewhere the model decides from entrypoints and build contexts.
   */
  role?: 'service' | 'library';
  traits: PackageTraits;
}

/** A deployable unit as the deployment manifests describe it. */
export interface DeploymentService {
  /** compose service name, or k8s Service/Deployment name. */
  name: string;
  source: 'compose' | 'kubernetes';
  /** Manifest file it was read from (absolute). */
  file: string;
  /** Absolute build context folder, when the manifest names one. */
  buildContext?: string;
  /** Absolute path of the Dockerfile it builds with, when the manifest names one (compose `build.dockerfile`, skaffold `docker.dockerfile`). */
  dockerfile?: string;
  /** Host names under which other containers reach it (compose service name and aliases, k8s Service name and its DNS forms). */
  hostnames: string[];
  /** Container image, when named (k8s Deployments carry no build context; the model matches images to packages). */
  image?: string;
  /** Ports it listens on (container ports). */
  ports: number[];
  /**
   * k8s Services only: the Service `port`s clients put in URLs (`http://inventory:80`); `ports` holds the container
   * ports (`targetPort`) the traffic lands on.
   */
  servicePorts?: number[];
  /** Its environment (compose `environment`/`env_file`, k8s container `env` values). */
  environment: Record<string, string>;
}

/** A service as configured in seamlint.config.json `services`. */
export interface ConfiguredService {
  name: string;
  /** Absolute path. */
  root: string;
  /** Env var names or URLs that address this service. */
  urls: string[];
}

export interface Workspace {
  /** Absolute workspace root (the folder holding the config or the workspace manifest). */
  root: string;
  packages: WorkspacePackage[];
  deployments: DeploymentService[];
  configuredServices: ConfiguredService[];
  /** Absolute package folders config `notServices` says are never services. */
  notServices: string[];
  /** Variables from `.env*` files at the root and in packages: file → variables. */
  envFiles: Record<string, Record<string, string>>;
  /** Absolute paths of the source files to analyze (.ts, .tsx, .mts, .cts, .js, .mjs, .cjs; no .d.ts, no node_modules, no ignored globs). */
  sourceFiles: string[];
  /** Absolute paths of every tsconfig*.json found (for the program layer and for file watching). */
  tsconfigFiles: string[];
  /** Manifest files that shaped this picture (compose, k8s, .env, package.json, project.json): the server watches them. */
  manifestFiles: string[];
  /** Absolute paths of Prisma schema files: they declare models and tables the persistence rules read. */
  prismaFiles?: string[];
  /** Every Dockerfile of the tree (absolute): a package folder with one is built into an image of its own. */
  dockerfiles?: string[];
  /** The code role of a file (absolute path): production, test, tooling or client app. */
  roleOf(file: string): CodeRole;
  problems: SetupProblem[];
}

export interface DiscoverOptions {
  /** Globs relative to the root, from config `ignore`. */
  ignore: string[];
  /** From config `services`. */
  services: Record<string, { root: string; urls?: string[] }>;
  /** From config `notServices`: package folders (relative to the root) that are never services. */
  notServices?: string[];
}
