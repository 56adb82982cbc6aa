// What the workspace layer knows: files, folders, manifests. Nothing about TypeScript semantics.
import type { SetupProblem } from '../types.js';

/** Where a package was found. */
export type PackageSource = 'config' | 'npm-workspaces' | 'pnpm-workspaces' | 'nx' | 'folder';

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
  problems: SetupProblem[];
}

export interface DiscoverOptions {
  /** Globs relative to the root, from config `ignore`. */
  ignore: string[];
  /** From config `services`. */
  services: Record<string, { root: string; urls?: string[] }>;
}
