// The contract between facts extraction and the adapters: an adapter reads the indexed file and appends facts.
// Adapters run isolated from each other: one that throws loses only its own facts for that file.
import type { FileIndex } from './file-index.js';
import type { FileFacts } from './types.js';

/** Every list-valued fact of a file. */
export type ExtractedFacts = Omit<FileFacts, 'path' | 'hash' | 'parseDiagnostics' | 'suppressions'>;

export interface FactsAdapter {
  /** The library family, for diagnostics when the adapter fails ('http-clients', 'persistence'). */
  name: string;
  extract(file: FileIndex, facts: ExtractedFacts): void;
}

export function emptyFacts(): ExtractedFacts {
  return {
    imports: [],
    exports: [],
    entrypoints: [],
    endpointSinks: [],
    persistence: [],
    remoteCalls: [],
    httpClients: [],
    messageSends: [],
    functions: [],
    callSites: [],
    classes: [],
    instanceBindings: [],
    endpoints: [],
    routerMounts: [],
    routers: [],
    globalPrefixes: [],
    transactions: [],
    retries: [],
    contractSites: [],
    schemas: [],
    validations: [],
    queueDeclarations: [],
    consumers: [],
    queueBindings: [],
    publishRoutes: [],
    jobOptions: [],
    jobQueues: [],
  };
}
