// The asynchronous service graph: which service's messages reach which other service. A send names a queue, a topic or an
// exchange (and a routing key); a consumer reads queues, topics or subscriptions; bindings join exchanges and topics to
// the queues and subscriptions they feed; NestJS event handlers (`@EventPattern`) are endpoints matched by pattern.
// One edge per (producer, consumer, label), with every send site that makes it.
import type { AnalyzedFile, EndpointNode, FoldedString, ServiceEdge, ServiceNode } from './types.js';
import type { Location } from '../types.js';
import { nameAt, routingKeyMatches } from './message-names.js';

export interface MessageEdgeHost {
  files: ReadonlyMap<string, AnalyzedFile>;
  endpoints: readonly EndpointNode[];
  serviceOf(path: string): ServiceNode | undefined;
  foldString(file: string, start: number, end: number): FoldedString | undefined;
}

interface Binding {
  queue: string;
  /** The binding key; undefined when the binding takes every message. */
  pattern?: string;
}

export function buildMessageEdges(host: MessageEdgeHost): ServiceEdge[] {
  const name = (file: string, span: { start: number; end: number }) => nameAt(host.foldString, file, span);
  const consumersByName = new Map<string, Set<string>>();
  const bindingsBySource = new Map<string, Binding[]>();
  for (const file of host.files.values()) {
    const service = host.serviceOf(file.path);
    for (const consumer of file.facts.consumers) {
      if (!service) continue;
      for (const source of consumer.sources) {
        const queue = name(file.path, source);
        if (queue !== undefined) add(consumersByName, queue, service.name);
      }
    }
    for (const binding of file.facts.queueBindings) {
      const source = name(file.path, binding.source);
      const queue = name(file.path, binding.queue);
      if (source === undefined || queue === undefined) continue;
      const entry: Binding = { queue };
      if (binding.pattern) {
        const pattern = host.foldString(file.path, binding.pattern.start, binding.pattern.end)?.value;
        // A key that does not fold is unknown, not "everything": such a binding reaches no one here.
        if (pattern === undefined || pattern.includes('\u2026')) continue;
        entry.pattern = pattern;
      }
      bindingsBySource.set(source, [...(bindingsBySource.get(source) ?? []), entry]);
    }
  }

  const edges = new Map<string, ServiceEdge>();
  const addEdge = (from: string, to: string, label: string, site: Location) => {
    if (from === to) return;
    const key = `${from}->${to}:${label}`;
    const edge = edges.get(key) ?? { from, to, kind: 'async' as const, label, sites: [] };
    if (!edge.sites.some((s) => s.file === site.file && s.start === site.start)) edge.sites.push(site);
    edges.set(key, edge);
  };
  const eventEndpoints = host.endpoints.filter((endpoint) => endpoint.kind === 'event' && endpoint.pattern !== undefined);

  for (const file of host.files.values()) {
    const from = host.serviceOf(file.path)?.name;
    if (!from) continue;
    for (const send of file.facts.messageSends) {
      if (!send.destination) continue;
      const destination = name(file.path, send.destination);
      if (destination === undefined) continue;
      const site: Location = { file: file.path, start: send.start, end: send.end };
      const route = file.facts.publishRoutes.find((r) => r.start === send.start && r.end === send.end);
      const key = route ? name(file.path, route.routingKey) : undefined;
      // Through an exchange with a routing key only the matching bindings deliver; anything else reaches its own name too.
      const bound = (bindingsBySource.get(destination) ?? []).filter((b) => b.pattern === undefined || (key !== undefined ? routingKeyMatches(b.pattern, key) : true));
      const queues = route ? bound.map((b) => b.queue) : [destination, ...bound.map((b) => b.queue)];
      const label = key ?? destination;
      for (const queue of new Set(queues)) {
        for (const to of consumersByName.get(queue) ?? []) addEdge(from, to, label, site);
      }
      for (const endpoint of eventEndpoints) {
        if (endpoint.pattern === label || endpoint.pattern === destination) addEdge(from, endpoint.service, endpoint.pattern!, site);
      }
    }
  }
  return [...edges.values()];
}

function add(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}
