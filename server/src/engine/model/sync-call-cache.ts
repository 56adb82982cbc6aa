// An editor session's memory of each handler's synchronous calls, from one model to the next. Building them is most
// of the service graph's cost (the call graph from every handler, every URL folded, every route matched), and an edit
// changes the calls of few handlers: an entry is reused while every file its computation read is still the same
// object (the session keeps unchanged files' objects) and the routes of the system are unchanged. The session starts a
// new cache when files come or go, or the config or workspace changes (module resolution and env values move then).
import type { ReachedCall } from './call-graph.js';
import type { Dependencies } from './dependency-tracker.js';
import type { AnalyzedFile, EndpointNode, RemoteTarget } from './types.js';
import type { Location } from '../types.js';

/** A sync call as kept across models: endpoints by their index in the model's endpoint list. */
export interface StoredSyncCall {
  site: Location;
  reached: ReachedCall;
  blocking: boolean;
  target?: Omit<RemoteTarget, 'endpoint'> & { endpointIndex?: number };
}

interface Entry {
  files: Map<string, AnalyzedFile | undefined>;
  /** Every library call the handler reaches, blocking or not (keys of `file:start`). */
  reachedKeys: string[];
  calls: StoredSyncCall[];
}

export class SyncCallCache {
  private readonly entries = new Map<string, Entry>();
  private routes: string | undefined;

  /** Entries hold endpoints by index and matched routes by value: a change of any route voids them all. */
  useRoutes(endpoints: readonly EndpointNode[]): void {
    // Not offsets, nor handler ids (an anonymous handler is named by its offset): typing above a route moves them.
    const routes = endpoints.map((e) => [e.id, e.file, e.kind, e.method, e.path, e.pattern].join('\u0001')).join('\n');
    if (routes !== this.routes) this.entries.clear();
    this.routes = routes;
  }

  get(key: string, files: ReadonlyMap<string, AnalyzedFile>): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    for (const [path, file] of entry.files) {
      if (files.get(path) !== file) {
        this.entries.delete(key);
        return undefined;
      }
    }
    return entry;
  }

  set(key: string, dependencies: Dependencies, files: ReadonlyMap<string, AnalyzedFile>, reachedKeys: string[], calls: StoredSyncCall[]): void {
    if (dependencies.unbounded) return;
    this.entries.set(key, { files: new Map([...dependencies.files].map((path) => [path, files.get(path)])), reachedKeys, calls });
  }
}
