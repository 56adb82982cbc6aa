import type { Location } from '../server/src/engine/types.js';
import { defineRule } from '../server/src/engine/rule-api.js';

export default defineRule({
  id: 'sync-call-chain',
  category: 'synchronous-coupling',
  severity: 'warning',
  fix: 'none',
  description: 'A request handler must not wait on a chain of synchronous calls through several services.',
  options: {
    maxServices: {
      type: 'number',
      default: 3,
      minimum: 2,
      description: "How many distinct services (the caller's own included) a chain may reach before the call that starts it is reported.",
    },
  },
  check({ file, model, options, report }) {
    // One finding per call site: the longest chain it starts.
    const longest = new Map<string, { services: string[]; sites: Location[] }>();
    for (const chain of model.serviceGraph().chains) {
      const origin = chain.sites[0];
      if (!origin || origin.file !== file.path) continue;
      const key = `${origin.start}:${origin.end}`;
      if ((longest.get(key)?.services.length ?? 0) < chain.services.length) longest.set(key, chain);
    }
    for (const chain of longest.values()) {
      if (chain.services.length < options.maxServices) continue;
      const [origin, ...later] = chain.sites;
      const [caller, next] = chain.services;
      report({
        start: origin!.start,
        end: origin!.end,
        message:
          `\`${caller}\` waits here on a chain of ${chain.services.length} services (${chain.services.join(' → ')}): ` +
          `each request pays every hop's latency and fails when any of them fails. ` +
          `Keep the data ${caller} needs from ${next} close (a cache or a copy kept current by events), or answer without waiting and finish asynchronously.`,
        related: later,
      });
    }
  },
});
