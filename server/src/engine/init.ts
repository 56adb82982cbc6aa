// `seamlint init`: detect the services and write a config that lists them, so the user can review and correct
// what seamlint understood before anything else.
import { existsSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { analyze, SeamlintError } from './analyze.js';
import type { ServiceNode } from './model/types.js';
import { CONFIG_FILE_NAME } from './report/index.js';
import type { Workspace } from './workspace/types.js';
import { findWorkspaceRoot } from './workspace/index.js';

export interface InitResult {
  path: string;
  text: string;
}

export async function writeInitialConfig(startPath: string): Promise<InitResult> {
  const root = findWorkspaceRoot(startPath);
  const path = join(root, CONFIG_FILE_NAME);
  if (existsSync(path)) throw new SeamlintError(`${relative(process.cwd(), path) || CONFIG_FILE_NAME} already exists; edit it, or delete it to start over`);
  // No rules: init only needs the model's picture of the services.
  const result = await analyze({ paths: [root], onlyRules: [] });
  const text = renderInitialConfig(root, result.model.services, result.model.workspace);
  writeFileSync(path, text);
  return { path, text };
}

export function renderInitialConfig(root: string, services: readonly ServiceNode[], workspace: Workspace): string {
  const knownVariables = new Set<string>();
  for (const deployment of workspace.deployments) for (const name of Object.keys(deployment.environment)) knownVariables.add(name);
  for (const variables of Object.values(workspace.envFiles)) for (const name of Object.keys(variables)) knownVariables.add(name);

  const entries: Record<string, { root: string; urls: string[] }> = {};
  for (const service of services) {
    const deployment = workspace.deployments.find((d) => d.name === service.name);
    const urls = [
      ...service.addresses.filter((address) => knownVariables.has(address)),
      ...(deployment?.hostnames.slice(0, 1).flatMap((host) => (deployment.ports.length > 0 ? deployment.ports.map((port) => `http://${host}:${port}`) : [`http://${host}`])) ?? []),
    ];
    entries[service.name] = { root: relative(root, service.root).split('\\').join('/') || '.', urls };
  }
  const config = {
    $schema: './node_modules/seamlint/schema.json',
    services: entries,
    rules: {},
    ignore: [],
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}
