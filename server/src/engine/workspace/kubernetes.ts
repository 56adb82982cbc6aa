// Kubernetes manifests: a Service gives the DNS names and ports other pods use; the Deployment/StatefulSet behind it
// gives the image, the environment and the container ports. Both halves become one DeploymentService.
import type { DeploymentService } from './types.js';
import { isUnrendered, renderHelmTemplate } from './helm.js';
import { asString, createDiscoveryLog, isRecord, parseYamlDocuments, readText, type DiscoveryLog } from './manifest-io.js';

interface KubernetesService {
  name: string;
  namespace?: string;
  file: string;
  selector: Record<string, string>;
  ports: Array<{ port?: number; targetPort?: number | string }>;
}

interface KubernetesWorkload {
  name: string;
  namespace?: string;
  file: string;
  podLabels: Record<string, string>;
  image?: string;
  environment: Record<string, string>;
  ports: number[];
  /** Named container ports, so a Service `targetPort: http` resolves to a number. */
  namedPorts: Record<string, number>;
}

interface KubernetesObjects {
  services: KubernetesService[];
  workloads: KubernetesWorkload[];
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet']);

/** Deployment services from every YAML file of the workspace that holds Kubernetes objects. */
export function readKubernetesDeployments(yamlFiles: readonly string[], log: DiscoveryLog): DeploymentService[] {
  const objects: KubernetesObjects = { services: [], workloads: [] };
  for (const file of yamlFiles) readKubernetesFile(file, objects, log);
  return mergeServicesAndWorkloads(objects);
}

function readKubernetesFile(file: string, objects: KubernetesObjects, log: DiscoveryLog): void {
  const text = readText(file, log);
  // Cheap pre-filter: most YAML in a repository (CI, OpenAPI, lint configs) is not Kubernetes, so it is neither
  // parsed nor reported.
  if (text === undefined || !/^\s*apiVersion\s*:/m.test(text) || !/^\s*kind\s*:/m.test(text)) return;
  const before = objects.services.length + objects.workloads.length;
  const problemsBefore = log.problems.length;
  if (text.includes('{{')) {
    // A Helm template, rendered as far as its chart's values allow (helm.ts); whatever does not come out as valid
    // YAML or names nothing knowable is left unread and unreported: it is not the user's mistake.
    const rendered = renderHelmTemplate(file, text);
    if (rendered === undefined) return;
    const quiet = createDiscoveryLog();
    for (const document of parseYamlDocuments(file, rendered, quiet)) collectObject(document, file, objects);
    objects.services = objects.services.filter((service) => !isUnrendered(service.name));
    objects.workloads = objects.workloads.filter((workload) => !isUnrendered(workload.name));
    for (const workload of objects.workloads) {
      if (isUnrendered(workload.image)) delete workload.image;
      for (const [name, value] of Object.entries(workload.environment)) if (isUnrendered(value)) delete workload.environment[name];
    }
    if (objects.services.length + objects.workloads.length > before) log.manifestFiles.add(file);
    return;
  }
  for (const document of parseYamlDocuments(file, text, log)) collectObject(document, file, objects);
  // Watch the file when it held Kubernetes objects, or when it is broken (fixing it must trigger a re-analysis).
  if (objects.services.length + objects.workloads.length > before || log.problems.length > problemsBefore) log.manifestFiles.add(file);
}

function collectObject(document: unknown, file: string, objects: KubernetesObjects): void {
  if (!isRecord(document) || typeof document.apiVersion !== 'string' || typeof document.kind !== 'string') return;
  if (document.kind === 'List' && Array.isArray(document.items)) {
    for (const item of document.items) collectObject(item, file, objects);
    return;
  }
  const metadata = isRecord(document.metadata) ? document.metadata : {};
  const name = asString(metadata.name);
  if (!name) return;
  const namespace = asString(metadata.namespace);
  const spec = isRecord(document.spec) ? document.spec : {};
  if (document.kind === 'Service') objects.services.push({ name, namespace, file, ...serviceSpec(spec) });
  else if (WORKLOAD_KINDS.has(document.kind)) objects.workloads.push({ name, namespace, file, ...workloadSpec(spec) });
}

function serviceSpec(spec: Record<string, unknown>): Pick<KubernetesService, 'selector' | 'ports'> {
  const ports = Array.isArray(spec.ports) ? spec.ports.filter(isRecord) : [];
  return {
    selector: stringMap(spec.selector),
    ports: ports.map((port) => ({
      port: portNumber(port.port),
      targetPort: portNumber(port.targetPort) ?? asString(port.targetPort),
    })),
  };
}

function workloadSpec(spec: Record<string, unknown>): Omit<KubernetesWorkload, 'name' | 'namespace' | 'file'> {
  const template = isRecord(spec.template) ? spec.template : {};
  const podSpec = isRecord(template.spec) ? template.spec : {};
  const containers = Array.isArray(podSpec.containers) ? podSpec.containers.filter(isRecord) : [];
  const workload: Omit<KubernetesWorkload, 'name' | 'namespace' | 'file'> = {
    podLabels: stringMap(isRecord(template.metadata) ? template.metadata.labels : undefined),
    environment: {},
    ports: [],
    namedPorts: {},
  };
  for (const container of containers) {
    // The first container that names an image is the application; later ones are usually sidecars.
    workload.image ??= asString(container.image);
    for (const variable of Array.isArray(container.env) ? container.env.filter(isRecord) : []) {
      // `valueFrom` (secrets, config maps, field refs) has no value in the manifest.
      const name = asString(variable.name);
      if (name && (typeof variable.value === 'string' || typeof variable.value === 'number')) workload.environment[name] = String(variable.value);
    }
    for (const port of Array.isArray(container.ports) ? container.ports.filter(isRecord) : []) {
      const number = portNumber(port.containerPort);
      if (number === undefined) continue;
      workload.ports.push(number);
      const portName = asString(port.name);
      if (portName) workload.namedPorts[portName] = number;
    }
  }
  return workload;
}

/**
 * One entry per Service, completed by the workload it fronts: the workload of the same name, else the one whose pod
 * labels its selector matches. Workloads no Service fronts are listed alone, with no host names (nothing resolves to them).
 */
function mergeServicesAndWorkloads({ services, workloads }: KubernetesObjects): DeploymentService[] {
  const fronted = new Set<KubernetesWorkload>();
  const result: DeploymentService[] = services.map((service) => {
    const candidates = workloads.filter((workload) => sameNamespace(service, workload));
    const workload =
      candidates.find((candidate) => candidate.name === service.name) ??
      candidates.find((candidate) => selectorMatches(service.selector, candidate.podLabels));
    if (workload) fronted.add(workload);
    const targetPorts = service.ports.map(({ port, targetPort }) =>
      typeof targetPort === 'string' ? workload?.namedPorts[targetPort] : (targetPort ?? port),
    );
    const entry: DeploymentService = {
      name: service.name,
      source: 'kubernetes',
      file: service.file,
      hostnames: dnsNames(service.name, service.namespace ?? workload?.namespace ?? 'default'),
      ports: sortedPorts([...targetPorts, ...(workload?.ports ?? [])]),
      servicePorts: sortedPorts(service.ports.map(({ port }) => port)),
      environment: { ...workload?.environment },
    };
    if (workload?.image) entry.image = workload.image;
    return entry;
  });
  for (const workload of workloads) {
    if (fronted.has(workload)) continue;
    const entry: DeploymentService = {
      name: workload.name,
      source: 'kubernetes',
      file: workload.file,
      hostnames: [],
      ports: sortedPorts(workload.ports),
      environment: { ...workload.environment },
    };
    if (workload.image) entry.image = workload.image;
    result.push(entry);
  }
  return result;
}

/** Manifests often leave the namespace to `kubectl -n` or kustomize: only two explicit, different namespaces differ. */
function sameNamespace(a: { namespace?: string }, b: { namespace?: string }): boolean {
  return a.namespace === undefined || b.namespace === undefined || a.namespace === b.namespace;
}

function selectorMatches(selector: Record<string, string>, labels: Record<string, string>): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([key, value]) => labels[key] === value);
}

function dnsNames(name: string, namespace: string): string[] {
  return [name, `${name}.${namespace}`, `${name}.${namespace}.svc`, `${name}.${namespace}.svc.cluster.local`];
}

function portNumber(value: unknown): number | undefined {
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(number) && number > 0 && number < 65536 ? number : undefined;
}

function sortedPorts(ports: Array<number | undefined>): number[] {
  return [...new Set(ports.filter((port): port is number => port !== undefined))].sort((a, b) => a - b);
}

function stringMap(value: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (!isRecord(value)) return result;
  for (const [key, item] of Object.entries(value)) if (typeof item === 'string') result[key] = item;
  return result;
}
