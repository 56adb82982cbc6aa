import picomatch from 'picomatch';
import { NEUTRAL_VERSION, type EndpointFact, type GlobalPrefixFact } from '../server/src/engine/facts/endpoint-types.js';
import type { AnalyzedFile, EndpointNode, SystemModel } from '../server/src/engine/model/types.js';
import { defineRule } from '../server/src/engine/rule-api.js';

const DEFAULT_IGNORE = ['**/{health,healthz,healthcheck,livez,readyz,live,ready,liveness,readiness,metrics,ping}', '**/{health,healthz}/**'];
/** `v1`, `v2beta1`, `v1.2`, and date versions (`2024-06-01`). */
const VERSION_SEGMENT = /^(?:v\d+(?:[._-]?[a-z0-9]+)*|\d{4}-\d{2}-\d{2})$/i;
/** A handler (or inline middleware) that reads a version header, or a vendor media type with a version. */
const VERSION_HEADER = /['"`](?:accept-version|api-version|x-api-version|x-version)['"`]|vnd\.[\w.-]*[.+-]v\d/i;

type NestVersioning = NonNullable<GlobalPrefixFact['versioning']>;

export default defineRule({
  id: 'unversioned-api',
  category: 'contracts',
  severity: 'off',
  fix: 'none',
  description: 'Public HTTP routes should carry a version (a /v1/ path segment, a version header, or Nest versioning).',
  options: {
    ignorePaths: {
      type: 'array',
      items: { type: 'string' },
      default: DEFAULT_IGNORE,
      description: 'Globs of route paths (without the leading slash) that need no version, such as health checks and metrics.',
    },
  },
  check({ file, model, options, report }) {
    if (!file.service) return;
    const isIgnored = picomatch(options.ignorePaths, { dot: true });
    const versioning = nestVersioningOf(model, file.service.name);
    for (const declaration of routeDeclarations(model, file)) {
      const paths = declaration.endpoints.map((endpoint) => endpoint.path);
      // A path we cannot read, or one served under a version anywhere it is mounted, is not reported.
      if (paths.some((path) => path === undefined)) continue;
      if (paths.every((path) => isIgnored(path!.replace(/^\/+/, '')))) continue;
      if (paths.some((path) => path!.split('/').some((segment) => VERSION_SEGMENT.test(segment)))) continue;
      const fact = file.facts.endpoints.find((candidate) => candidate.start === declaration.start && candidate.end === declaration.end);
      if (fact && (versionedByNest(fact, versioning) || readsVersionHeader(model, file, declaration.endpoints[0]!))) continue;
      const endpoint = declaration.endpoints[0]!;
      const label = `${endpoint.method ?? 'ALL'} ${endpoint.path}`;
      report({
        start: declaration.start,
        end: declaration.end,
        message:
          `\`${label}\` (${endpoint.service}) has no version (no \`/v1/\` path segment, version header or Nest versioning): when its contract ` +
          `has to change, old and new consumers cannot be served side by side. Serve it under a version (\`/v1${endpoint.path === '/' ? '' : endpoint.path}\`) ` +
          `and keep the old version until its consumers have moved.`,
      });
    }
  },
});

/** The HTTP routes declared in this file, one entry per declaration (a router mounted twice yields two endpoints). */
function routeDeclarations(model: SystemModel, file: AnalyzedFile): Array<{ start: number; end: number; endpoints: EndpointNode[] }> {
  const byDeclaration = new Map<string, { start: number; end: number; endpoints: EndpointNode[] }>();
  for (const endpoint of model.endpoints) {
    if (endpoint.file !== file.path || endpoint.kind !== 'http') continue;
    const key = `${endpoint.start}:${endpoint.end}`;
    const entry = byDeclaration.get(key) ?? { start: endpoint.start, end: endpoint.end, endpoints: [] };
    entry.endpoints.push(endpoint);
    byDeclaration.set(key, entry);
  }
  return [...byDeclaration.values()].sort((a, b) => a.start - b.start);
}

/** Header, media-type and custom versioning pick the version outside the path; URI versioning shows in the path itself. */
function versionedByNest(fact: EndpointFact, versioning: NestVersioning | undefined): boolean {
  if (fact.framework !== 'nestjs' || !versioning || versioning.type === 'uri' || versioning.type === undefined) return false;
  const versions = fact.version ?? versioning.defaultVersion ?? [];
  return versions.some((version) => version !== NEUTRAL_VERSION);
}

function readsVersionHeader(model: SystemModel, file: AnalyzedFile, endpoint: EndpointNode): boolean {
  if (VERSION_HEADER.test(file.text.slice(endpoint.start, endpoint.end))) return true;
  const handler = endpoint.handler;
  const handlerFile = handler ? model.file(handler.file) : undefined;
  return handler !== undefined && handlerFile !== undefined && VERSION_HEADER.test(handlerFile.text.slice(handler.start, handler.end));
}

const versioningCache = new WeakMap<SystemModel, Map<string, NestVersioning | undefined>>();

/** The service's `app.enableVersioning(...)`, read once per model. */
function nestVersioningOf(model: SystemModel, service: string): NestVersioning | undefined {
  let byService = versioningCache.get(model);
  if (!byService) {
    byService = new Map();
    for (const file of model.files.values()) {
      const name = file.service?.name;
      if (name === undefined || byService.get(name)) continue;
      const versioning = file.facts.globalPrefixes.find((fact) => fact.versioning)?.versioning;
      if (versioning) byService.set(name, versioning);
    }
    versioningCache.set(model, byService);
  }
  return byService.get(service);
}
