// Which folders are services. In order: config `services`; workspace packages that are a compose/k8s build context or
// have an inbound entrypoint (a server that listens, a Nest bootstrap, a message consumer); folders under services/ or apps/.
import { basename, dirname, resolve } from 'node:path';
import type { DeploymentService, Workspace, WorkspacePackage } from '../workspace/types.js';
import type { AnalyzedFile, PackageNode, ServiceNode } from './types.js';

export interface ServiceDetection {
  services: ServiceNode[];
  packages: PackageNode[];
}

export function detectServices(workspace: Workspace, files: Iterable<AnalyzedFile>): ServiceDetection {
  const entrypointsByPackage = groupEntrypoints(workspace.packages, files);
  const services: ServiceNode[] = [];
  const claimedRoots = new Set<string>();

  for (const configured of workspace.configuredServices) {
    const pkg = workspace.packages.find((p) => resolve(p.root) === resolve(configured.root));
    const deployment = pkg ? deploymentFor(pkg, workspace.deployments) : undefined;
    services.push({
      name: configured.name,
      root: resolve(configured.root),
      packageName: pkg?.name,
      reasons: ['listed in seamlint.config.json'],
      hostnames: deployment?.hostnames ?? [configured.name],
      addresses: [...configured.urls, ...conventionalEnvNames(configured.name)],
    });
    claimedRoots.add(resolve(configured.root));
  }

  for (const pkg of workspace.packages) {
    const root = resolve(pkg.root);
    if (claimedRoots.has(root)) continue;
    const reasons: string[] = [];
    const deployment = deploymentFor(pkg, workspace.deployments);
    if (deployment) reasons.push(`${deployment.source === 'compose' ? 'docker compose' : 'kubernetes'} service "${deployment.name}"`);
    const entrypoint = entrypointsByPackage.get(root);
    if (entrypoint) reasons.push(entrypoint);
    if (reasons.length === 0 && pkg.source === 'folder' && ['services', 'apps'].includes(basename(dirname(root)))) {
      reasons.push(`folder under ${basename(dirname(root))}/`);
    }
    if (reasons.length === 0) continue;
    const name = deployment?.name ?? basename(root);
    services.push({
      name,
      root,
      packageName: pkg.name,
      reasons,
      hostnames: deployment?.hostnames ?? [name],
      addresses: conventionalEnvNames(name),
    });
    claimedRoots.add(root);
  }

  services.sort((a, b) => a.name.localeCompare(b.name));
  const serviceByRoot = new Map(services.map((s) => [s.root, s.name]));
  const packages = workspace.packages.map((pkg) => ({ name: pkg.name, root: resolve(pkg.root), service: serviceByRoot.get(resolve(pkg.root)) }));
  return { services, packages };
}

/** `inventory` → INVENTORY_URL, INVENTORY_SERVICE_URL, INVENTORY_HOST, INVENTORY_BASE_URL: the names teams use for a peer's address. */
export function conventionalEnvNames(serviceName: string): string[] {
  const stem = serviceName.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '').toUpperCase();
  return [`${stem}_URL`, `${stem}_SERVICE_URL`, `${stem}_HOST`, `${stem}_BASE_URL`, `${stem}_API_URL`];
}

function deploymentFor(pkg: WorkspacePackage, deployments: DeploymentService[]): DeploymentService | undefined {
  const root = resolve(pkg.root);
  const byContext = deployments.find((d) => d.buildContext && resolve(d.buildContext) === root);
  if (byContext) return byContext;
  // Kubernetes names images, not folders: `registry/shop/orders:1.4` deploys the package in orders/ (or named …/orders).
  const folder = basename(root);
  const unscoped = pkg.name.replace(/^@[^/]+\//, '');
  return deployments.find((d) => {
    if (!d.image) return false;
    const image = d.image.replace(/[:@].*$/, '').split('/').pop();
    return image === folder || image === unscoped;
  });
}

function groupEntrypoints(packages: WorkspacePackage[], files: Iterable<AnalyzedFile>): Map<string, string> {
  const roots = packages.map((p) => resolve(p.root)).sort((a, b) => b.length - a.length);
  const found = new Map<string, string>();
  for (const file of files) {
    const entrypoint = file.facts.entrypoints[0];
    if (!entrypoint) continue;
    const root = roots.find((r) => file.path.startsWith(`${r}/`));
    if (root && !found.has(root)) found.set(root, `${entrypoint.kind} entrypoint (${entrypoint.library}) in ${file.path.slice(root.length + 1)}`);
  }
  return found;
}
