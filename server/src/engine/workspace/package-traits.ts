// What a package's own manifests say about it (package.json, Nx project.json, its folder's Dockerfile): evidence that
// service detection weighs in the model, and what makes a whole package test code or a client app.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PackageTraits } from './types.js';
import { asString, isFile, isRecord } from './manifest-io.js';

/** Dependencies that make a package a browser, mobile or desktop app: its calls are edges into services, never a service. */
const CLIENT_APP_DEPENDENCIES = [
  'react-dom',
  'next',
  'nuxt',
  'vue',
  '@angular/core',
  'svelte',
  '@sveltejs/kit',
  'solid-js',
  'preact',
  'react-native',
  'expo',
  'electron',
  '@remix-run/react',
  'astro',
  'gatsby',
  '@ionic/core',
  '@tauri-apps/api',
];

/** Server frameworks: a package with one of these and a front-end dependency renders on the server, and may be a service. */
const SERVER_DEPENDENCIES = ['@nestjs/core', 'express', 'fastify', 'koa', 'hono', '@hapi/hapi', 'kafkajs', 'amqplib', 'bullmq', 'bull'];

/** `start` scripts that run a program; `next start`, `vite`, `react-scripts start`, `tsc -w` are dev servers or builds. */
const RUNS_A_PROGRAM = /(?:^|[\s;&|(])(?:node|ts-node|ts-node-dev|tsx|nodemon|nest\s+start|bun|deno|pm2(?:-runtime)?|node-dev|esno|esr|nx\s+serve|moleculer-runner)(?:\s|$)/;

/** Nx executors that run a Node process. */
const NODE_EXECUTORS = /^@(?:nx|nrwl)\/(?:node:(?:execute|node)|js:node)$/;

/** Package names that say the package exists for testing: `e2e`, `api-e2e`, `@acme/test-utils`, `testing`. */
const TEST_PACKAGE_NAME = /(?:^|[/@._-])(?:e2e|tests?|testing|test-utils|test-helpers|mocks?|fixtures|integration-tests)(?:$|[._-])/i;

export interface TraitsInput {
  root: string;
  name: string;
  manifest?: Record<string, unknown>;
  /** The Nx project.json of this folder, when in an Nx workspace. */
  nxProject?: Record<string, unknown>;
  /** The project type nest-cli.json gives this folder. */
  nestType?: 'application' | 'library';
  /** Reached only through tsconfig `paths`: a library by construction. */
  pathLibrary?: boolean;
  /** Dockerfiles of the tree (absolute). */
  dockerfiles: ReadonlySet<string>;
}

export function packageTraits(input: TraitsInput): PackageTraits {
  const traits: PackageTraits = {};
  const declaredType = nxProjectType(input.nxProject) ?? input.nestType ?? (input.pathLibrary ? 'library' : undefined);
  if (declaredType) traits.declaredType = declaredType;
  const serveTarget = nodeServeTarget(input.nxProject);
  if (serveTarget) traits.serveTarget = serveTarget;
  const dockerfile = ownDockerfile(input.root, input.dockerfiles);
  if (dockerfile) traits.dockerfile = dockerfile;
  const start = asString(isRecord(input.manifest?.scripts) ? input.manifest.scripts.start : undefined);
  if (start && RUNS_A_PROGRAM.test(start)) traits.startScript = start;
  const clientApp = clientAppReason(input);
  if (clientApp) traits.clientApp = clientApp;
  const testCode = testCodeReason(input);
  if (testCode) traits.testCode = testCode;
  return traits;
}

function nxProjectType(project: Record<string, unknown> | undefined): 'application' | 'library' | undefined {
  const type = project?.projectType;
  return type === 'application' || type === 'library' ? type : undefined;
}

function nodeServeTarget(project: Record<string, unknown> | undefined): string | undefined {
  const targets = project?.targets;
  if (!isRecord(targets)) return undefined;
  for (const [name, target] of Object.entries(targets)) {
    const executor = isRecord(target) ? asString(target.executor) : undefined;
    if (executor && NODE_EXECUTORS.test(executor)) return `${name} (${executor})`;
  }
  return undefined;
}

function ownDockerfile(root: string, dockerfiles: ReadonlySet<string>): string | undefined {
  const plain = join(root, 'Dockerfile');
  if (dockerfiles.has(plain)) return plain;
  return [...dockerfiles].find((file) => dirname(file) === root);
}

function dependencyNames(manifest: Record<string, unknown> | undefined): Set<string> {
  const names = new Set<string>();
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) {
    const listed = manifest?.[field];
    if (isRecord(listed)) for (const name of Object.keys(listed)) names.add(name);
  }
  return names;
}

function clientAppReason(input: TraitsInput): string | undefined {
  const dependencies = dependencyNames(input.manifest);
  const runsAServer = SERVER_DEPENDENCIES.some((name) => dependencies.has(name));
  const frontEnd = CLIENT_APP_DEPENDENCIES.find((name) => dependencies.has(name));
  if (frontEnd && !runsAServer) return `depends on ${frontEnd}`;
  // A front end that also lists a server framework (a dev proxy, a static file server) is still a page in a browser.
  const page = frontEnd ? BROWSER_APP_FILES.find((file) => isFile(join(input.root, file))) : undefined;
  if (frontEnd && page) return `depends on ${frontEnd}, has ${page}`;
  const bundle = ['main', 'module', 'unpkg', 'jsdelivr'].map((field) => asString(input.manifest?.[field])).find((entry) => entry !== undefined && /\bumd\b/.test(entry));
  if (bundle && !runsAServer) return `builds a browser bundle (${bundle})`;
  const staticImage = input.dockerfiles.size > 0 ? staticServingImage(input.root, input.dockerfiles) : undefined;
  if (staticImage) return `its Dockerfile serves static files (${staticImage})`;
  const nxTargets = input.nxProject?.targets;
  if (isRecord(nxTargets)) {
    for (const target of Object.values(nxTargets)) {
      const executor = isRecord(target) ? asString(target.executor) : undefined;
      if (executor && /^@(?:nx|nrwl)\/(?:web|react|angular|next|vite|expo|react-native|remix|webpack:dev-server)\b/.test(executor) && !runsAServer) {
        return `Nx ${executor} target`;
      }
    }
  }
  if (input.manifest?.bin !== undefined && !runsAServer) return 'package.json bin (a command-line tool)';
  return undefined;
}

/** Files that say a package is a page in a browser: its HTML shell or its bundler's dev-server config. */
const BROWSER_APP_FILES = ['index.html', 'public/index.html', 'src/index.html', 'vite.config.ts', 'vite.config.js', 'vite.config.mts', 'next.config.js', 'next.config.mjs', 'next.config.ts', 'angular.json'];

/** The web server image the last stage of the package's Dockerfile runs (nginx, httpd, caddy), when it is one. */
function staticServingImage(root: string, dockerfiles: ReadonlySet<string>): string | undefined {
  const dockerfile = ownDockerfile(root, dockerfiles);
  if (!dockerfile) return undefined;
  let text: string;
  try {
    text = readFileSync(dockerfile, 'utf8');
  } catch {
    return undefined;
  }
  const stages = [...text.matchAll(/^\s*FROM\s+(?:--platform=\S+\s+)?(\S+)/gim)].map((match) => match[1]!);
  const last = stages[stages.length - 1];
  return last && /(?:^|\/)(?:nginx|nginx-unprivileged|httpd|caddy|lighttpd)(?::|$)/i.test(last) ? last : undefined;
}

function testCodeReason(input: TraitsInput): string | undefined {
  const project = input.nxProject;
  const projectName = asString(project?.name) ?? input.name;
  if (project && /-e2e$/.test(projectName)) return `Nx e2e project ${projectName}`;
  const implicit = project?.implicitDependencies;
  const targets = isRecord(project?.targets) ? Object.values(project.targets) : [];
  if (targets.some((target) => isRecord(target) && /^@(?:nx|nrwl)\/(?:cypress|playwright)/.test(asString(target.executor) ?? '')) && Array.isArray(implicit)) {
    return `Nx e2e project ${projectName}`;
  }
  if (TEST_PACKAGE_NAME.test(input.name.replace(/^@[^/]+\//, ''))) return `package named for testing (${input.name})`;
  return undefined;
}
