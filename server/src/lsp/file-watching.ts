// Files that change outside the editor: the config, the manifests discovery reads (compose and Kubernetes YAML, .env
// files, tsconfigs, package manifests, Prisma schemas) and source files created, deleted or renamed (a rename is a delete and a create).
// The server registers the watchers itself when the client allows it; otherwise the client must send the events.
import { basename, isAbsolute } from 'node:path';
import { DidChangeWatchedFilesNotification, FileChangeType, type DidChangeWatchedFilesParams, type FileSystemWatcher } from 'vscode-languageserver/node';
import type { FileEvent } from '../engine/session/index.js';
import type { ServerContext } from './context.js';

export const WATCHED_GLOBS = [
  '**/seamlint.config.json',
  // Compose files (docker-compose*.yml, compose*.yaml) and Kubernetes manifests: any YAML may be either.
  '**/*.{yml,yaml}',
  '**/.env*',
  '**/tsconfig*.json',
  '**/package.json',
  '**/project.json',
  '**/nx.json',
  '**/*.prisma',
  '**/*.{ts,tsx,mts,cts,js,mjs,cjs}',
];

export async function registerFileWatchers(context: ServerContext): Promise<void> {
  if (!context.client.watchedFilesRegistration) return;
  const globs = [...WATCHED_GLOBS];
  const configPath = context.settings.configPath;
  if (configPath) globs.push(isAbsolute(configPath) ? configPath : `**/${basename(configPath)}`);
  const watchers: FileSystemWatcher[] = globs.map((globPattern) => ({ globPattern }));
  await context.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
}

export function fileEventsOf(context: ServerContext, params: DidChangeWatchedFilesParams): FileEvent[] {
  const events: FileEvent[] = [];
  for (const change of params.changes) {
    const path = context.uris.pathOf(change.uri);
    if (!path) continue;
    const type = change.type === FileChangeType.Created ? 'created' : change.type === FileChangeType.Deleted ? 'deleted' : 'changed';
    events.push({ path, type });
  }
  return events;
}
