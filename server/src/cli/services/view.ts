// What `seamlint services` shows, as one document: the `--format json` output, and what the text output renders. The
// endpoints and edges come from the graph command's view (toGraphJson), so both commands agree on every path and line.
import type { PackageNode } from '../../engine/model/types.js';
import type { CliServicesSource } from '../cli-context.js';
import { relativePosix } from '../formats/locations.js';
import { compareText, toGraphJson, type GraphEndpoint, type GraphSite } from '../graph/view.js';

export interface ServiceLinkOut {
  to: string;
  kind: 'sync' | 'async';
  /** The endpoint called (`GET /items/:sku`) or the queue or topic. */
  label: string;
  sites: GraphSite[];
}

export interface ServiceLinkIn {
  from: string;
  kind: 'sync' | 'async';
  label: string;
  sites: GraphSite[];
}

export interface ServiceEntry {
  name: string;
  /** Relative to the workspace root, forward slashes ('.' for the root itself). */
  root: string;
  /** The workspace package that is this service, when there is one. */
  package?: string;
  /** Why seamlint takes it for a service. */
  evidence: string[];
  endpoints: GraphEndpoint[];
  edgesOut: ServiceLinkOut[];
  edgesIn: ServiceLinkIn[];
}

export interface PackageEntry {
  name: string;
  root: string;
  /** Why it is not a service, when something says so. */
  reasons?: string[];
}

export interface ServicesJson {
  version: 1;
  /** The workspace root relative to where seamlint ran, as in the check and graph JSON. */
  root: string;
  services: ServiceEntry[];
  clientApps: PackageEntry[];
  libraries: PackageEntry[];
  /** Test and end-to-end packages: read for their calls, never services. */
  testPackages: PackageEntry[];
  /** Synchronous call sites whose target service is unknown. */
  unresolved: number;
}

export function toServicesJson(source: CliServicesSource, cwd: string): ServicesJson {
  const graph = toGraphJson(source, cwd);
  const nodeOf = new Map(source.services.map((service) => [service.name, service]));
  const services = graph.services.map((service): ServiceEntry => {
    const node = nodeOf.get(service.name);
    return {
      name: service.name,
      root: service.root,
      ...(node?.packageName !== undefined ? { package: node.packageName } : {}),
      evidence: [...(node?.reasons ?? [])],
      endpoints: service.endpoints,
      edgesOut: graph.edges.filter((edge) => edge.from === service.name).map(({ to, kind, label, sites }) => ({ to, kind, label, sites })),
      edgesIn: graph.edges.filter((edge) => edge.to === service.name).map(({ from, kind, label, sites }) => ({ from, kind, label, sites })),
    };
  });
  const packagesOf = (kind: PackageNode['kind']): PackageEntry[] =>
    source.packages
      .filter((pkg) => pkg.kind === kind)
      .map((pkg) => ({ name: pkg.name, root: relativePosix(source.root, pkg.root), ...(pkg.reasons?.length ? { reasons: [...pkg.reasons] } : {}) }))
      .sort((a, b) => compareText(a.root, b.root) || compareText(a.name, b.name));
  return {
    version: 1,
    root: graph.root,
    services,
    clientApps: packagesOf('client-app'),
    libraries: packagesOf('library'),
    testPackages: packagesOf('test'),
    unresolved: source.graph.unresolved.length,
  };
}
