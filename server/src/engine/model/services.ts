// Which packages are services (architecture.md "Finding the services"). Config `services`, when present, is the whole
// truth. Otherwise every package is weighed on its evidence: a compose/k8s/skaffold deployment that builds it, its own
// Dockerfile, an Nx node serve target, a start script that runs a program, an entrypoint that runs as the package
// starts (a library helper that starts a server makes its caller the service), and last the services/ apps/ folder
// convention. Nx and nest-cli libraries, tsconfig-path folders, test packages, client apps and `notServices` never are.
import { basename, dirname, relative, resolve } from 'node:path';
import type { EntrypointFact } from '../facts/types.js';
import type { DeploymentService, Workspace, WorkspacePackage } from '../workspace/types.js';
import { isThirdPartyImage } from './third-party-images.js';
import type { AnalyzedFile, PackageNode, ServiceNode } from './types.js';

const SERVICE_FOLDERS = new Set(['services', 'apps', 'microservices']);

export interface ServiceDetection {
  services: ServiceNode[];
  packages: PackageNode[];
}

/** Where an import leads (a file), for telling which packages call a library's server-starting helper. */
export type ImportTarget = (fromFile: string, specifier: string) => string | undefined;

export function detectServices(workspace: Workspace, files: Iterable<AnalyzedFile>, importTarget: ImportTarget = () => undefined): ServiceDetection {
  const fileList = [...files];
  const services = workspace.configuredServices.length > 0 ? configuredServices(workspace) : detectedServices(workspace, fileList, importTarget);
  services.sort((a, b) => a.name.localeCompare(b.name));
  const serviceByRoot = new Map(services.map((s) => [s.root, s.name]));
  const packages = workspace.packages.map((pkg): PackageNode => {
    const root = resolve(pkg.root);
    const service = serviceByRoot.get(root);
    const node: PackageNode = { name: pkg.name, root, kind: service ? 'service' : packageKind(pkg, workspace) };
    if (service) node.service = service;
    const why = service ? undefined : notServiceReason(pkg, workspace);
    if (why) node.reasons = [why];
    return node;
  });
  return { services, packages };
}

function configuredServices(workspace: Workspace): ServiceNode[] {
  return workspace.configuredServices.map((configured) => {
    const root = resolve(configured.root);
    const pkg = workspace.packages.find((p) => resolve(p.root) === root);
    const deployment = pkg ? deploymentFor(pkg, workspace.deployments) : undefined;
    return {
      name: configured.name,
      root,
      packageName: pkg?.name,
      reasons: ['listed in seamlint.config.json'],
      hostnames: deployment?.hostnames ?? [configured.name],
      addresses: [...configured.urls, ...conventionalEnvNames(configured.name)],
    };
  });
}

function detectedServices(workspace: Workspace, files: readonly AnalyzedFile[], importTarget: ImportTarget): ServiceNode[] {
  const entrypoints = entrypointEvidence(workspace, files, importTarget);
  const services: ServiceNode[] = [];
  for (const pkg of workspace.packages) {
    const root = resolve(pkg.root);
    if (notServiceReason(pkg, workspace)) continue;
    const deployment = deploymentFor(pkg, workspace.deployments);
    const reasons: string[] = [];
    if (deployment) reasons.push(`${deployment.source === 'compose' ? 'docker compose' : 'kubernetes'} service "${deployment.name}"`);
    if (pkg.traits.dockerfile) reasons.push(`${relative(workspace.root, pkg.traits.dockerfile)}`);
    if (pkg.traits.serveTarget) reasons.push(`Nx target ${pkg.traits.serveTarget}`);
    if (pkg.traits.startScript) reasons.push(`start script "${pkg.traits.startScript}"`);
    reasons.push(...(entrypoints.get(root) ?? []));
    if (reasons.length === 0) continue;
    const name = deployment?.name ?? basename(root);
    services.push({ name, root, packageName: pkg.name, reasons, hostnames: deployment?.hostnames ?? [name], addresses: conventionalEnvNames(name) });
  }
  // Last, the folder convention: a package in services/ or apps/ that no evidence speaks for, and that no other package
  // imports (what others import is a library, whatever its folder).
  const imported = importedPackageRoots(workspace, files, importTarget);
  const found = new Set(services.map((service) => service.root));
  for (const pkg of workspace.packages) {
    const root = resolve(pkg.root);
    const folder = basename(dirname(root));
    if (found.has(root) || imported.has(root) || notServiceReason(pkg, workspace) || !(pkg.role === 'service' || SERVICE_FOLDERS.has(folder))) continue;
    const name = basename(root);
    services.push({ name, root, packageName: pkg.name, reasons: [`folder under ${folder}/`], hostnames: [name], addresses: conventionalEnvNames(name) });
  }
  return uniqueNames(services);
}

/** Two services deployed under one compose name (or two folders named alike) keep apart by their folder. */
function uniqueNames(services: ServiceNode[]): ServiceNode[] {
  const counts = new Map<string, number>();
  for (const service of services) counts.set(service.name, (counts.get(service.name) ?? 0) + 1);
  return services.map((service) => {
    if (counts.get(service.name) === 1) return service;
    const name = service.packageName && counts.get(service.packageName) === undefined ? service.packageName : `${basename(dirname(service.root))}/${basename(service.root)}`;
    return { ...service, name, hostnames: service.hostnames };
  });
}

/** Why a package can never be a service, or undefined. */
function notServiceReason(pkg: WorkspacePackage, workspace: Workspace): string | undefined {
  const root = resolve(pkg.root);
  if (workspace.notServices.includes(root)) return 'listed in notServices';
  if (pkg.traits.testCode) return pkg.traits.testCode;
  if (pkg.traits.clientApp) return `client app: ${pkg.traits.clientApp}`;
  if (pkg.traits.declaredType === 'library') {
    return pkg.source === 'tsconfig-paths' ? 'reached through tsconfig paths' : pkg.source === 'nest-cli' ? 'nest-cli.json library' : 'Nx library';
  }
  return undefined;
}

function packageKind(pkg: WorkspacePackage, workspace: Workspace): PackageNode['kind'] {
  if (workspace.notServices.includes(resolve(pkg.root))) return 'library';
  if (pkg.traits.testCode) return 'test';
  if (pkg.traits.clientApp) return 'client-app';
  return 'library';
}

/** `inventory` → INVENTORY_URL, INVENTORY_SERVICE_URL, INVENTORY_HOST, INVENTORY_BASE_URL: the names teams use for a peer's address. */
export function conventionalEnvNames(serviceName: string): string[] {
  const stem = serviceName.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '').toUpperCase();
  return [`${stem}_URL`, `${stem}_SERVICE_URL`, `${stem}_HOST`, `${stem}_BASE_URL`, `${stem}_API_URL`];
}

export function deploymentFor(pkg: WorkspacePackage, deployments: readonly DeploymentService[]): DeploymentService | undefined {
  const root = resolve(pkg.root);
  const byDockerfile = deployments.find((d) => d.dockerfile && dirname(resolve(d.dockerfile)) === root);
  if (byDockerfile) return byDockerfile;
  // A context that is the repository root builds whatever its Dockerfile says; only a context that is this folder counts.
  const byContext = deployments.find((d) => d.buildContext && resolve(d.buildContext) === root && !d.dockerfile);
  if (byContext) return byContext;
  const byContextAndDockerfile = deployments.find((d) => d.buildContext && resolve(d.buildContext) === root);
  if (byContextAndDockerfile) return byContextAndDockerfile;
  // Kubernetes names images, not folders: `registry/shop/orders:1.4` deploys the package in orders/ (or named …/orders).
  // An image of third-party software (redis, bitnami/kafka) never deploys a workspace package, whatever its folder is called.
  const folder = basename(root);
  const unscoped = pkg.name.replace(/^@[^/]+\//, '');
  return deployments.find((d) => {
    if (!d.image || d.buildContext || isThirdPartyImage(d.image)) return false;
    const image = d.image.replace(/[:@].*$/, '').split('/').pop();
    return image === folder || image === unscoped;
  });
}

/**
 * Evidence from entrypoints in production code, per package root. An entrypoint counts for its own package when it
 * runs as the module loads (at top level, or in a function the module calls, or in one it does not export); one inside
 * an exported function is a helper (`startServer(app)`), and counts for every package that imports that function.
 */
function entrypointEvidence(workspace: Workspace, files: readonly AnalyzedFile[], importTarget: ImportTarget): Map<string, string[]> {
  const packageRootOf = rootLookup(workspace.packages.map((p) => resolve(p.root)));
  const evidence = new Map<string, string[]>();
  const add = (root: string | undefined, reason: string) => {
    if (!root) return;
    const reasons = evidence.get(root) ?? [];
    if (reasons.length === 0) evidence.set(root, reasons);
    if (!reasons.includes(reason) && reasons.length < 3) reasons.push(reason);
  };
  const helpers: Array<{ file: AnalyzedFile; name: string; fact: EntrypointFact }> = [];
  for (const file of files) {
    if (file.facts.entrypoints.length === 0 || workspace.roleOf(file.path) !== 'production') continue;
    const root = packageRootOf(file.path);
    for (const fact of file.facts.entrypoints) {
      const helper = helperName(file, fact);
      if (helper) helpers.push({ file, name: helper, fact });
      else if (root) add(root, `${fact.kind} entrypoint (${fact.library}) in ${relative(root, file.path)}`);
    }
  }
  if (helpers.length === 0) return evidence;
  for (const file of files) {
    if (workspace.roleOf(file.path) !== 'production') continue;
    for (const imported of file.facts.imports) {
      // A re-export (`export { startServer } from './server'`) passes the helper on; it does not call it.
      if (imported.typeOnly || imported.kind === 'export-from') continue;
      const helper = helpers.find((candidate) => imported.names.includes(candidate.name) && candidate.file !== file);
      if (!helper) continue;
      const target = importTarget(file.path, imported.specifier);
      const helperRoot = packageRootOf(helper.file.path);
      const reaches = target === helper.file.path || (target !== undefined && helperRoot !== undefined && packageRootOf(target) === helperRoot);
      if (!reaches) continue;
      const root = packageRootOf(file.path);
      add(root, `calls '${helper.name}' (${helper.fact.kind} entrypoint in ${relative(workspace.root, helper.file.path)}) from ${relative(root ?? workspace.root, file.path)}`);
    }
  }
  return evidence;
}

/**
 * The exported function (or exported class) an entrypoint sits in, when the module itself does not call it: such a
 * function is a helper that starts a server for whoever calls it.
 */
function helperName(file: AnalyzedFile, fact: EntrypointFact): string | undefined {
  const functions = file.facts.functions;
  let innermost: (typeof functions)[number] | undefined;
  for (const fn of functions) {
    if (fn.start <= fact.start && fact.end <= fn.end && (!innermost || fn.end - fn.start < innermost.end - innermost.start)) innermost = fn;
  }
  let outermost = innermost;
  for (let guard = 0; outermost?.inlineIn && guard < 50; guard++) {
    const parentId: string = outermost.inlineIn;
    const parent = functions.find((fn) => fn.id === parentId);
    if (!parent) break;
    outermost = parent;
  }
  if (!outermost || !outermost.exported) return undefined;
  const name = outermost.className ?? outermost.name;
  if (!name) return undefined;
  const calledAtLoad = file.facts.callSites.some(
    (site) => site.caller === '<module>' && site.callee.kind === 'name' && (site.callee.name === outermost.name || site.callee.name === outermost.className),
  );
  return calledAtLoad ? undefined : name;
}

/** Package roots that production code of another package imports. */
function importedPackageRoots(workspace: Workspace, files: readonly AnalyzedFile[], importTarget: ImportTarget): Set<string> {
  const packageRootOf = rootLookup(workspace.packages.map((p) => resolve(p.root)));
  const imported = new Set<string>();
  for (const file of files) {
    if (workspace.roleOf(file.path) !== 'production') continue;
    const own = packageRootOf(file.path);
    for (const fact of file.facts.imports) {
      if (fact.specifier.startsWith('.') && !fact.specifier.startsWith('..')) continue;
      const target = importTarget(file.path, fact.specifier);
      const root = target && (packageRootOf(target) ?? workspace.packages.map((p) => resolve(p.root)).find((r) => r === target));
      if (root && root !== own) imported.add(root);
    }
  }
  return imported;
}

function rootLookup(roots: readonly string[]): (path: string) => string | undefined {
  const sorted = [...roots].sort((a, b) => b.length - a.length);
  return (path) => sorted.find((root) => path.startsWith(`${root}/`));
}
