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

  const entries: ConfigMember[] = services.map((service) => {
    const deployment = workspace.deployments.find((d) => d.name === service.name);
    const urls = [
      ...service.addresses.filter((address) => knownVariables.has(address)),
      ...(deployment?.hostnames.slice(0, 1).flatMap((host) => (deployment.ports.length > 0 ? deployment.ports.map((port) => `http://${host}:${port}`) : [`http://${host}`])) ?? []),
    ];
    const entry = { root: relative(root, service.root).split('\\').join('/') || '.', urls };
    // The evidence goes above the entry, so a wrong guess can be spotted and corrected where it is written.
    return { key: service.name, value: JSON.stringify(entry, null, 2), comments: evidenceComments(service.reasons) };
  });
  const config: ConfigMember[] = [
    { key: '$schema', value: JSON.stringify('./node_modules/seamlint/schema.json') },
    {
      key: 'services',
      value: renderObject(entries),
      comments:
        entries.length > 0
          ? ['Detected by seamlint init, each with its evidence. From now on this list is the whole truth:', 'fix a root or URL, delete what is no service, add what is missing.']
          : ['seamlint init found no services: list them here, e.g. "orders": { "root": "services/orders", "urls": ["ORDERS_URL"] }.'],
    },
    { key: 'rules', value: '{}' },
    { key: 'ignore', value: '[]' },
  ];
  return `${renderObject(config)}\n`;
}

const MAX_COMMENT_LENGTH = 110;

/** A member of a JSONC object: its value already rendered as JSON text, and `//` comment lines to write above it. */
interface ConfigMember {
  key: string;
  value: string;
  comments?: readonly string[];
}

/** JSON.stringify cannot write comments, so objects whose members carry them are rendered here, two-space indented. */
function renderObject(members: readonly ConfigMember[]): string {
  if (members.length === 0) return '{}';
  const lines = members.flatMap((member, index) => [
    ...(member.comments ?? []).map((comment) => `// ${comment}`),
    `${JSON.stringify(member.key)}: ${member.value}${index < members.length - 1 ? ',' : ''}`,
  ]);
  return `{\n${lines.map((line) => indent(line)).join('\n')}\n}`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

/** Short evidence reads best on one line; long evidence one reason per line. */
function evidenceComments(reasons: readonly string[]): string[] {
  const lines = reasons.map(oneLine);
  const joined = lines.join('; ');
  return joined.length <= MAX_COMMENT_LENGTH ? (joined ? [joined] : []) : lines;
}

/** A `//` comment ends at the line break, so each reason must stay on one line. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ');
}
