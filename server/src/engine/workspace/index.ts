// The workspace layer's public API: where a workspace starts, and what it holds.
export { findWorkspaceRoot } from './root.js';
export { discoverWorkspace } from './discover.js';
export { parseEnvText } from './env-files.js';
export type {
  ConfiguredService,
  DeploymentService,
  DiscoverOptions,
  PackageSource,
  Workspace,
  WorkspacePackage,
} from './types.js';
