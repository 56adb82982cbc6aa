// The size of what a run saw, for the one line every `check` and `graph` ends with (interfaces.md). It is plain data so
// the results cache can keep it: a warm run then reports it without building the model.
import type { SystemModel } from '../model/types.js';

export interface RunSummary {
  services: number;
  /** Service-to-service edges, synchronous and message. */
  edges: number;
  /** Synchronous call sites whose target service is unknown. */
  unresolved: number;
  /** Source files read. */
  files: number;
}

export function summarizeRun(model: SystemModel, files: number): RunSummary {
  const graph = model.serviceGraph();
  return { services: model.services.length, edges: graph.edges.length, unresolved: graph.unresolved.length, files };
}

export function isRunSummary(value: unknown): value is RunSummary {
  if (typeof value !== 'object' || value === null) return false;
  const summary = value as Record<string, unknown>;
  return ['services', 'edges', 'unresolved', 'files'].every((key) => typeof summary[key] === 'number');
}
