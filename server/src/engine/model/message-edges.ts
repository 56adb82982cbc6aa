// The asynchronous service graph: which service's messages reach which other service. A send names a queue, a topic or an
// exchange (and a routing key); a consumer reads queues, topics or subscriptions; bindings join exchanges and topics to
// the queues and subscriptions they feed; NestJS event handlers (`@EventPattern`) are endpoints matched by pattern.
// One edge per (producer, consumer, label), with every send site that makes it.
import type { AnalyzedFile, EndpointNode, FoldedString, ServiceEdge, ServiceNode } from './types.js';
import type { Location } from '../types.js';
import type { CallGraph } from './call-graph.js';
import { messageName, nameAt, routingKeyMatches } from './message-names.js';
import { parameterBindingsAlong } from './parameter-bindings.js';
import { findNodeAt, type ParameterBindings } from './string-folding.js';
import { thisMemberAt, type SubclassIndex } from './subclasses.js';

export interface MessageEdgeHost {
  files: ReadonlyMap<string, AnalyzedFile>;
  endpoints: readonly EndpointNode[];
  serviceOf(path: string): ServiceNode | undefined;
  foldString(file: string, start: number, end: number, bindings?: ParameterBindings): FoldedString | undefined;
  /** Follows producer wrappers (`events.emitMessage(TOPIC, body)`) to the library sends they make. */
  callGraph?: Pick<CallGraph, 'messageSendsOfCall'>;
  /** Base classes services extend: a base class's `this.subject` is each subclass's own. */
  subclasses?: SubclassIndex;
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
  // A name written as `this.member` in a base class is each subclass's, in the subclass's service.
  const perSubclass = (file: AnalyzedFile, span: { start: number; end: number }): Array<{ service: string; name: string; site: Location }> => {
    const member = host.subclasses && thisMemberAt(findNodeAt(file.sourceFile, span.start, span.end));
    if (!member) return [];
    return host.subclasses!.subclassesOf(member.owner).flatMap((subclass) => {
      const service = host.serviceOf(subclass.file.path)?.name;
      const value = service && host.subclasses!.memberInitializer(subclass, member.owner, member.name);
      const folded = value ? messageName(host.foldString(value.file.path, value.node.getStart(value.file.sourceFile), value.node.end)) : undefined;
      const site = value && { file: value.file.path, start: value.node.getStart(value.file.sourceFile), end: value.node.end };
      return service && folded !== undefined && site ? [{ service, name: folded, site }] : [];
    });
  };
  for (const file of host.files.values()) {
    const service = host.serviceOf(file.path);
    for (const consumer of file.facts.consumers) {
      for (const source of consumer.sources) {
        const queue = service ? name(file.path, source) : undefined;
        if (service && queue !== undefined) add(consumersByName, queue, service.name);
        else for (const specialised of perSubclass(file, source)) add(consumersByName, specialised.name, specialised.service);
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
  // NestJS hands an emitted event to the handler registered for its pattern, whether `@EventPattern` or
  // `@MessagePattern` (on Kafka both are common for consumers): both are where an event lands.
  const eventEndpoints = host.endpoints.filter((endpoint) => (endpoint.kind === 'event' || endpoint.kind === 'rpc') && endpoint.pattern !== undefined);

  const deliver = (from: string, destination: string, routingKey: string | undefined, hasRoute: boolean, site: Location) => {
    // Through an exchange with a routing key only the matching bindings deliver; anything else reaches its own name too.
    const bound = (bindingsBySource.get(destination) ?? []).filter((b) => b.pattern === undefined || (routingKey !== undefined ? routingKeyMatches(b.pattern, routingKey) : true));
    const queues = hasRoute ? bound.map((b) => b.queue) : [destination, ...bound.map((b) => b.queue)];
    const label = routingKey ?? destination;
    for (const queue of new Set(queues)) {
      for (const to of consumersByName.get(queue) ?? []) addEdge(from, to, label, site);
    }
    for (const endpoint of eventEndpoints) {
      if (endpoint.pattern === label || endpoint.pattern === destination) addEdge(from, endpoint.service, endpoint.pattern!, site);
    }
  };

  const nearest = new Map<string, { hops: number; deliver: () => void }>();
  for (const file of host.files.values()) {
    const from = host.serviceOf(file.path)?.name;
    for (const send of file.facts.messageSends) {
      if (!send.destination) continue;
      const destination = from ? name(file.path, send.destination) : undefined;
      if (destination === undefined) {
        // Sent by a base class (`this.client.publish(this.subject, …)`): from each subclass's service, reported where the
        // subclass names its subject.
        for (const specialised of perSubclass(file, send.destination)) deliver(specialised.service, specialised.name, undefined, false, specialised.site);
        continue;
      }
      const route = file.facts.publishRoutes.find((r) => r.start === send.start && r.end === send.end);
      deliver(from!, destination, route ? name(file.path, route.routingKey) : undefined, route !== undefined, { file: file.path, start: send.start, end: send.end });
    }
    if (!from || !host.callGraph) continue;
    // A producer wrapper (`emitMessage(topic, body)`, in this service or a shared library) sends what each call passes
    // it: the destination is folded per call site, with the wrapper's parameters bound to that call's arguments. Each
    // send is attributed to the call nearest to it that decides its destination (a send that names its destination by
    // itself, inside this service, was attributed above).
    for (const site of file.facts.callSites) {
      for (const reached of host.callGraph.messageSendsOfCall(file.path, site.start, site.end)) {
        const send = reached.fact;
        if (!send.destination) continue;
        if (host.serviceOf(reached.file)?.name === from && name(reached.file, send.destination) !== undefined) continue;
        const hops = [...reached.via, { file: reached.file, start: send.start, end: send.end }];
        const bindings = parameterBindingsAlong((path) => host.files.get(path), hops);
        const fold = (span: { start: number; end: number }) => messageName(host.foldString(reached.file, span.start, span.end, bindings));
        const destination = fold(send.destination);
        if (destination === undefined) continue;
        const key = `${from}\0${reached.file}:${send.start}\0${destination}`;
        const known = nearest.get(key);
        if (known && known.hops <= hops.length) continue;
        const route = host.files.get(reached.file)?.facts.publishRoutes.find((r) => r.start === send.start && r.end === send.end);
        const routingKey = route ? fold(route.routingKey) : undefined;
        nearest.set(key, { hops: hops.length, deliver: () => deliver(from, destination, routingKey, route !== undefined, { file: file.path, start: site.start, end: site.end }) });
      }
    }
  }
  for (const { deliver: send } of nearest.values()) send();
  return [...edges.values()];
}

function add(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}
