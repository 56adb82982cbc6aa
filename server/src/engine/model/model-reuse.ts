// What an editor session carries from one system model to the next, so that re-linking after an edit does not redo
// work the edit cannot have changed: module resolution (tsconfig files parsed, specifiers resolved: it depends on
// which files exist and on the manifests, not on what files say) and each handler's synchronous calls
// (sync-call-cache.ts). The session starts a new one when files come or go, or the config or workspace changes.
import { ModuleResolver, type WorkspacePackageEntry } from './module-resolver.js';
import { SyncCallCache } from './sync-call-cache.js';

export class ModelReuse {
  readonly syncCalls = new SyncCallCache();
  private resolver: { key: string; resolver: ModuleResolver } | undefined;

  /** The resolver of the last model when the workspace packages are the same, else a new one. */
  resolverFor(root: string, packages: readonly WorkspacePackageEntry[]): ModuleResolver {
    const key = JSON.stringify([root, packages.map((pkg) => [pkg.name, pkg.root])]);
    if (this.resolver?.key !== key) this.resolver = { key, resolver: new ModuleResolver(root, packages) };
    return this.resolver.resolver;
  }
}
