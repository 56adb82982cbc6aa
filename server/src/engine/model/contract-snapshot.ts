// A contract snapshot of one tree (the working tree, or the base commit): the routes and request/reply patterns each
// service serves, and the structure of the exported types of contract modules (rules.md vocabulary "Contract").
// breaking-contract-change compares two snapshots; both are taken the same way, so only real changes differ.
import { contractModuleMatcher } from './contract-modules.js';
import { readContractTypes, type ContractField, type ContractType } from './contract-snapshot-types.js';
import type { AnalyzedFile, EndpointNode } from './types.js';

export type { ContractField, ContractType };

export interface SnapshotRoute {
  /** `orders GET /orders/:`: parameters are unnamed, so renaming `:id` to `:orderId` is not a removal. */
  key: string;
  service: string;
  kind: 'http' | 'rpc';
  /** `GET /orders/:id`, `rpc get_payment`. */
  label: string;
  method?: string;
  path?: string;
  pattern?: string;
  /** The route declaration in that tree (a base file's offsets are into the base text). */
  file: string;
  start: number;
  end: number;
  /** 0-based line of the declaration, to find the nearest route that survived. */
  line: number;
}

export interface SnapshotType extends ContractType {
  /** What the type belongs to: its workspace package, else its service, else its folder. Types are matched by owner and name. */
  owner: string;
  relativePath: string;
  /** Decided from the name (see contractRole). */
  role: 'request' | 'response';
}

export interface ContractSnapshot {
  routes: SnapshotRoute[];
  types: SnapshotType[];
}

/** The contracts at the git base ref, loaded before rules run (model/contract-snapshot-base.ts). */
export interface ContractBase {
  /** What the working tree is compared with, for messages: "the merge-base with origin/main (1a2b3c4)". */
  label: string;
  /** Undefined when no analyzed file differs from the base: nothing can have broken. */
  snapshot?: ContractSnapshot;
  /** Config `contracts`: the working tree's snapshot is taken with the same globs. */
  contractGlobs: readonly string[];
}

const REQUEST_SUFFIX = /(?:Request|Input|Body|Command|Params|Query|Args)(?:Dto|DTO|Schema)?$/;
const REQUEST_PREFIX = /^(?:Create|Update|Patch|Upsert|Replace)[A-Z]/;

/**
 * Request types are written by consumers and read by the provider; everything else (responses, event payloads) is
 * written by the provider and read by consumers. Without a checker linking types to routes, the name decides:
 * `*Request`, `*Input`, `*Body`, `*Command`, `*Params`, `*Query`, `*Args` (optionally + `Dto`), and `Create*`/`Update*`/`Patch*`/`Upsert*`/`Replace*`.
 */
export function contractRole(name: string): 'request' | 'response' {
  return REQUEST_SUFFIX.test(name) || REQUEST_PREFIX.test(name) ? 'request' : 'response';
}

export function buildContractSnapshot(input: {
  files: ReadonlyMap<string, AnalyzedFile>;
  endpoints: readonly EndpointNode[];
  contractGlobs: readonly string[];
}): ContractSnapshot {
  const routes: SnapshotRoute[] = [];
  const seen = new Set<string>();
  for (const endpoint of input.endpoints) {
    const route = snapshotRoute(endpoint, input.files.get(endpoint.file));
    if (!route || seen.has(route.key)) continue;
    seen.add(route.key);
    routes.push(route);
  }
  const types: SnapshotType[] = [];
  const isContractModule = contractModuleMatcher(input.contractGlobs);
  for (const file of input.files.values()) {
    if (!isContractModule(file)) continue;
    const owner = file.package?.name ?? file.service?.name ?? file.relativePath.replace(/\/[^/]*$/, '');
    for (const type of readContractTypes(file)) types.push({ ...type, owner, relativePath: file.relativePath, role: contractRole(type.name) });
  }
  return { routes, types: withInheritedFields(types) };
}

/**
 * Event endpoints are left out on purpose: a service that stops subscribing breaks no publisher (nobody waits on it);
 * what consumers depend on is the payload, which is compared as a contract type.
 */
function snapshotRoute(endpoint: EndpointNode, file: AnalyzedFile | undefined): SnapshotRoute | undefined {
  if (!file) return undefined;
  const at = { file: endpoint.file, start: endpoint.start, end: endpoint.end, line: file.lines.positionAt(endpoint.start).line };
  if (endpoint.kind === 'http' && endpoint.path !== undefined) {
    const method = endpoint.method ?? 'ALL';
    const shape = endpoint.path.replace(/:[^/]+/g, ':');
    return { key: `${endpoint.service} ${method} ${shape}`, service: endpoint.service, kind: 'http', label: `${method} ${endpoint.path}`, method, path: endpoint.path, ...at };
  }
  if (endpoint.kind === 'rpc' && endpoint.pattern !== undefined) {
    return { key: `${endpoint.service} rpc ${endpoint.pattern}`, service: endpoint.service, kind: 'rpc', label: `rpc ${endpoint.pattern}`, pattern: endpoint.pattern, ...at };
  }
  return undefined;
}

/** `interface OrderDto extends OrderSummaryDto { … }`: a consumer reads the inherited fields through OrderDto too. */
function withInheritedFields(types: SnapshotType[]): SnapshotType[] {
  const byOwnerAndName = new Map(types.map((type) => [`${type.owner}#${type.name}`, type]));
  const fieldsOf = (type: SnapshotType, visiting: Set<SnapshotType>): ContractField[] => {
    const own = type.fields ?? [];
    if (type.bases.length === 0 || visiting.has(type) || visiting.size > 8) return own;
    visiting.add(type);
    const merged = new Map<string, ContractField>();
    for (const name of type.bases) {
      const parent = byOwnerAndName.get(`${type.owner}#${name}`);
      // Changes to inherited fields are reported at the type that declares them: they keep their positions and say where they come from.
      if (parent) for (const inherited of fieldsOf(parent, visiting)) merged.set(inherited.name, { ...inherited, inheritedFrom: inherited.inheritedFrom ?? parent.name });
    }
    visiting.delete(type);
    for (const field of own) merged.set(field.name, field);
    return [...merged.values()];
  };
  return types.map((type) => (type.bases.length > 0 && type.fields ? { ...type, fields: fieldsOf(type, new Set()) } : type));
}
