// docker-compose files: which containers exist, under which host names other containers reach them, which folder each
// is built from and what environment it gets. Variable interpolation (`${VAR:-default}`) is left as written.
import { basename, dirname, resolve } from 'node:path';
import type { DeploymentService } from './types.js';
import { parseEnvText } from './env-files.js';
import {
  addProblem,
  asString,
  isFile,
  isRecord,
  parseYamlDocuments,
  readText,
  stringList,
  type DiscoveryLog,
} from './manifest-io.js';

/** docker-compose*.yml, compose*.yaml, …, but not every file that happens to start with "compose" (composer.yml). */
const COMPOSE_FILE_NAME = /^(?:docker-)?compose(?:[.-][^/]*)?\.ya?ml$/;

/** A port range wider than this is a port pool, not something a URL names: only its first port is kept. */
const MAX_EXPANDED_RANGE = 100;

export function isComposeFileName(fileName: string): boolean {
  return COMPOSE_FILE_NAME.test(fileName);
}

/** Compose services of one file, one entry per service (override files yield their own entries). */
export function readComposeFile(file: string, log: DiscoveryLog): DeploymentService[] {
  const text = readText(file, log);
  if (text === undefined) return [];
  log.manifestFiles.add(file);
  const [document] = parseYamlDocuments(file, text, log);
  if (!isRecord(document) || !isRecord(document.services)) return [];
  const folder = dirname(file);
  return Object.entries(document.services).map(([name, definition]) =>
    composeService(name, isRecord(definition) ? definition : {}, file, folder, log),
  );
}

function composeService(
  name: string,
  definition: Record<string, unknown>,
  file: string,
  folder: string,
  log: DiscoveryLog,
): DeploymentService {
  const service: DeploymentService = {
    name,
    source: 'compose',
    file,
    hostnames: unique([name, asString(definition.hostname), asString(definition.container_name), ...networkAliases(definition.networks)]),
    ports: unique([...portList(definition.ports), ...portList(definition.expose)]).sort((a, b) => a - b),
    // Compose gives `environment` precedence over `env_file`.
    environment: { ...envFileVariables(definition.env_file, file, folder, log), ...environmentMap(definition.environment) },
  };
  const buildContext = buildContextOf(definition.build, folder);
  if (buildContext) service.buildContext = buildContext;
  // `context: .` with `dockerfile: apps/api/Dockerfile` is how monorepos build one package from the root.
  const dockerfile = buildContext && isRecord(definition.build) ? asString(definition.build.dockerfile) : undefined;
  if (buildContext && dockerfile) service.dockerfile = resolve(buildContext, dockerfile);
  const image = asString(definition.image);
  if (image) service.image = image;
  return service;
}

function buildContextOf(build: unknown, folder: string): string | undefined {
  // The long form without `context` builds from the compose file's folder.
  const context = typeof build === 'string' ? build : isRecord(build) ? (asString(build.context) ?? '.') : undefined;
  // A git URL context is not a workspace folder.
  if (context === undefined || /^[a-z][a-z0-9+.-]*:\/\//i.test(context) || context.startsWith('git@')) return undefined;
  return resolve(folder, context);
}

/** `networks: [a, b]` carries no aliases; `networks: {a: {aliases: [...]}}` does. */
function networkAliases(networks: unknown): string[] {
  if (!isRecord(networks)) return [];
  return Object.values(networks).flatMap((network) => (isRecord(network) ? stringList(network.aliases) : []));
}

/** Container-side ports of `ports` (short `[host:]container[/proto]` or long `{target}`) and `expose`. */
function portList(entries: unknown): number[] {
  if (!Array.isArray(entries)) return [];
  return entries.flatMap((entry): number[] => {
    if (typeof entry === 'number') return validPort(entry) ? [entry] : [];
    if (typeof entry === 'string') return portSpec(entry.split(':').pop()!);
    if (isRecord(entry) && (typeof entry.target === 'number' || typeof entry.target === 'string')) return portSpec(String(entry.target));
    return [];
  });
}

function portSpec(spec: string): number[] {
  const match = /^(\d+)(?:-(\d+))?$/.exec(spec.trim().replace(/\/\w+$/, ''));
  if (!match) return [];
  const first = Number(match[1]);
  const last = match[2] === undefined ? first : Number(match[2]);
  if (!validPort(first)) return [];
  if (!validPort(last) || last < first || last - first > MAX_EXPANDED_RANGE) return [first];
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

function validPort(port: number): boolean {
  return Number.isInteger(port) && port > 0 && port < 65536;
}

/**
 * `environment` as a list (`KEY=value`) or a map. A bare `KEY` or a null value passes the host's variable through: its
 * value is unknown here, so it is left out.
 */
function environmentMap(environment: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (Array.isArray(environment)) {
    for (const entry of environment) {
      if (typeof entry !== 'string') continue;
      const equals = entry.indexOf('=');
      if (equals > 0) result[entry.slice(0, equals).trim()] = entry.slice(equals + 1);
    }
  } else if (isRecord(environment)) {
    for (const [key, value] of Object.entries(environment)) {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') result[key] = String(value);
    }
  }
  return result;
}

/** `env_file`: a path, a list of paths, or a list of `{path, required}`; later files override earlier ones. */
function envFileVariables(envFile: unknown, composeFile: string, folder: string, log: DiscoveryLog): Record<string, string> {
  const entries = typeof envFile === 'string' ? [envFile] : Array.isArray(envFile) ? envFile : [];
  const result: Record<string, string> = {};
  for (const entry of entries) {
    const path = typeof entry === 'string' ? entry : isRecord(entry) ? asString(entry.path) : undefined;
    if (!path) continue;
    const file = resolve(folder, path);
    if (!isFile(file)) {
      const required = !(isRecord(entry) && entry.required === false);
      if (required) addProblem(log, composeFile, `env_file not found: ${path} (in ${basename(composeFile)})`);
      continue;
    }
    const text = readText(file, log);
    if (text === undefined) continue;
    log.manifestFiles.add(file);
    Object.assign(result, parseEnvText(text));
  }
  return result;
}

function unique<T>(values: Array<T | undefined>): T[] {
  return [...new Set(values.filter((value): value is T => value !== undefined))];
}
