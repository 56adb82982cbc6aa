// Outbound HTTP: the expressions that name what an HTTP client calls (a URL, or a base URL an instance is bound to).
// hardcoded-endpoint reports at these values; the model resolves them to services and routes.
// Which calls are HTTP clients is decided in http-client-uses.ts, shared with the remote-calls adapter.
// Brokers, caches and databases are in outbound-brokers.ts and outbound-databases.ts.
import type { FactsAdapter } from '../facts/adapter.js';
import { endpointSink } from '../facts/config-objects.js';
import { httpClientUses } from './http-client-uses.js';

export const httpClientsAdapter: FactsAdapter = {
  name: 'http-clients',
  extract(file, facts) {
    for (const use of httpClientUses(file)) {
      if (use.kind === 'request') {
        // An imported instance is only a candidate until its module confirms it; its argument is a path, never a location.
        if (use.url && use.via !== 'imported') facts.endpointSinks.push(endpointSink(file, use.call, 'http-call', use.library, use.url));
      } else if (use.baseUrl) {
        facts.endpointSinks.push(endpointSink(file, use.kind === 'base' ? use.node : use.call, 'http-client-base', use.library, use.baseUrl));
      }
    }
  },
};
