import type { ServiceEdge } from '../server/src/engine/model/types.js';
import { defineRule } from '../server/src/engine/rule-api.js';
import type { Location } from '../server/src/engine/types.js';

export default defineRule({
  id: 'cyclic-service-dependency',
  category: 'synchronous-coupling',
  severity: 'error',
  fix: 'none',
  description: 'Services must not call each other synchronously in a cycle.',
  options: {},
  check({ file, model, report }) {
    const graph = model.serviceGraph();
    for (const cycle of graph.cycles) {
      const edges = graph.edges.filter((e) => e.kind === 'sync' && cycle.services.includes(e.from) && cycle.services.includes(e.to));
      const loop = [...cycle.services, cycle.services[0]].join(' → ');
      for (const edge of edges) {
        for (const site of edge.sites) {
          if (site.file !== file.path) continue;
          report({
            start: site.start,
            end: site.end,
            message:
              `\`${edge.from}\` calls \`${edge.to}\` (${edge.label}) and the calls lead back to ${edge.from} (cycle: ${loop}): ` +
              `these services can no longer be deployed, scaled or failed independently, and a request can end up waiting on itself. ` +
              `Break the cycle: let one side publish an event, or move the responsibility both need into one service.`,
            // One site per other service pair: in a large cycle every edge has many call sites.
            related: representativeSites(edges, edge),
          });
        }
      }
    }
  },
});

function representativeSites(edges: readonly ServiceEdge[], current: ServiceEdge): Location[] {
  const byPair = new Map<string, Location>();
  for (const other of edges) {
    const pair = `${other.from}->${other.to}`;
    if (pair === `${current.from}->${current.to}` || byPair.has(pair) || !other.sites[0]) continue;
    byPair.set(pair, { ...other.sites[0], message: `${other.from} calls ${other.label} on ${other.to}` });
  }
  return [...byPair.values()];
}
