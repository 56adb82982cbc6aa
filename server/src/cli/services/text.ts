// `seamlint services` for people: each service with its root, the evidence that made it one, a few endpoints and the
// edges out and in; then the packages that are not services, in short; then the calls that reached no service.
import pc from 'picocolors';
import { endpointLabel } from '../graph/view.js';
import { counted } from '../run-summary.js';
import type { PackageEntry, ServiceEntry, ServicesJson } from './view.js';

type Colors = ReturnType<typeof pc.createColors>;

/** Enough endpoints to recognise the service by; the JSON output has them all. */
const ENDPOINTS_SHOWN = 4;
const LABEL_WIDTH = 11;

export function renderServicesText(view: ServicesJson, color: boolean): string {
  const colors = pc.createColors(color);
  const blocks = view.services.length === 0 ? [noServices(view.root)] : [`${counted(view.services.length, 'service')} in ${view.root}`, ...view.services.map((service) => serviceBlock(service, colors))];
  const packages = [packageBlock('Client apps', view.clientApps, colors), packageBlock('Libraries', view.libraries, colors), packageBlock('Test packages', view.testPackages, colors)];
  blocks.push(...packages.filter((block): block is string => block !== undefined), unresolvedLine(view.unresolved));
  return `${blocks.join('\n\n')}\n`;
}

function serviceBlock(service: ServiceEntry, colors: Colors): string {
  // Root and package name only when they say more than the service name (workspace-less repos name all three alike).
  const extra = [service.root, service.package].filter((part): part is string => part !== undefined && part !== service.name);
  const heading = [colors.bold(service.name), ...new Set(extra)].join(' · ');
  const endpoints = service.endpoints.map(endpointLabel);
  const shown = endpoints.slice(0, ENDPOINTS_SHOWN).join(', ') + (endpoints.length > ENDPOINTS_SHOWN ? `, … ${endpoints.length - ENDPOINTS_SHOWN} more` : '');
  const peerWidth = Math.max(0, ...[...service.edgesOut.map((edge) => edge.to), ...service.edgesIn.map((edge) => edge.from)].map((name) => name.length));
  const edgeRow = (peer: string, kind: string, label: string) => `${peer.padEnd(peerWidth)}  ${kind.padEnd(5)}  ${label}`;
  return [
    heading,
    ...field('evidence', service.evidence.length > 0 ? service.evidence : ['none recorded'], colors),
    ...field('endpoints', [endpoints.length === 0 ? 'none' : `${endpoints.length}: ${shown}`], colors),
    ...field('calls', service.edgesOut.length === 0 ? ['none'] : service.edgesOut.map((edge) => edgeRow(edge.to, edge.kind, edge.label)), colors),
    ...field('called by', service.edgesIn.length === 0 ? ['none'] : service.edgesIn.map((edge) => edgeRow(edge.from, edge.kind, edge.label)), colors),
  ].join('\n');
}

/** A label in the left column and one value per line beside it. */
function field(label: string, values: readonly string[], colors: Colors): string[] {
  return values.map((value, index) => `  ${colors.dim((index === 0 ? label : '').padEnd(LABEL_WIDTH))} ${value}`);
}

function packageBlock(title: string, packages: readonly PackageEntry[], colors: Colors): string | undefined {
  if (packages.length === 0) return undefined;
  const nameWidth = Math.max(...packages.map((pkg) => pkg.name.length));
  const rootWidth = Math.max(...packages.map((pkg) => pkg.root.length));
  const rows = packages.map((pkg) => `  ${pkg.name.padEnd(nameWidth)}  ${pkg.root.padEnd(rootWidth)}  ${pkg.reasons?.join('; ') ?? ''}`.trimEnd());
  return [colors.bold(`${title} (${packages.length})`), ...rows].join('\n');
}

function unresolvedLine(count: number): string {
  if (count === 0) return '0 unresolved calls.';
  return `${counted(count, 'unresolved call')}: remote calls whose target service seamlint could not tell (a URL it cannot fold, a host outside the workspace).`;
}

/** Zero services is never a quiet empty list: it says what seamlint looks for and how to declare them. */
function noServices(root: string): string {
  return [
    `No services found in ${root === '.' ? 'this workspace' : root}.`,
    'seamlint takes a package for a service on evidence: a docker compose or Kubernetes service that builds it, its own',
    'Dockerfile, a start script, or an entrypoint that listens or consumes messages. Declare them in seamlint.config.json:',
    '  "services": { "orders": { "root": "services/orders", "urls": ["ORDERS_URL"] } }',
    'or run `seamlint init` to write that file with what seamlint detects, then correct it.',
  ].join('\n');
}
