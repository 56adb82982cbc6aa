// What the messaging rules share: every queue declaration and consumer of the workspace, indexed by broker, kind and
// folded name, so a consumer in one service finds the declaration another service wrote, and a declaration knows whether
// anything consumes it or whether it is itself some queue's dead-letter destination.
import ts from 'typescript';
import type { ConsumerFact, QueueDeclarationFact } from '../../server/src/engine/facts/messaging-types.js';
import type { Span } from '../../server/src/engine/facts/types.js';
import { messageName } from '../../server/src/engine/model/message-names.js';
import type { AnalyzedFile, SystemModel } from '../../server/src/engine/model/types.js';
import type { Fix } from '../../server/src/engine/types.js';
import { addOptionEdits } from './http-calls.js';

/** Names that say "this is where failed messages go" (rules.md: `*dlq*`, `*dead*`). */
const DEAD_LETTER_NAME = /dlq|dead/i;

export interface Declaration {
  file: AnalyzedFile;
  fact: QueueDeclarationFact;
  /** The folded bare name; undefined when it does not fold. */
  name?: string;
  /** Part of the name comes from the environment (the deployed name may differ). */
  nameFromEnv?: boolean;
}

interface MessagingIndex {
  declarations: Declaration[];
  byKey: Map<string, Declaration[]>;
  /** Keys of every queue, topic and subscription a consumer in the workspace reads. */
  consumed: Set<string>;
  /** Bare names of every dead-letter target some declaration names (exchanges, queues, topics). */
  deadLetterTargets: Set<string>;
  /** Keys of queues bound to a dead-letter exchange. */
  boundToDeadLetterTarget: Set<string>;
}

const cache = new WeakMap<SystemModel, MessagingIndex>();

const keyOf = (broker: string, kind: string, name: string): string => `${broker}\u0000${kind}\u0000${name}`;

export function nameOf(model: SystemModel, file: AnalyzedFile, span: Span | undefined): string | undefined {
  return span ? messageName(model.foldString(file.path, span.start, span.end)) : undefined;
}

function indexOf(model: SystemModel): MessagingIndex {
  const known = cache.get(model);
  if (known) return known;
  const index: MessagingIndex = { declarations: [], byKey: new Map(), consumed: new Set(), deadLetterTargets: new Set(), boundToDeadLetterTarget: new Set() };
  for (const file of model.files.values()) {
    for (const fact of file.facts.queueDeclarations) {
      const declaration = declarationOf(model, file, fact);
      const name = declaration.name;
      if (name !== undefined) {
        const key = keyOf(fact.broker, fact.kind, name);
        index.byKey.set(key, [...(index.byKey.get(key) ?? []), declaration]);
        // A server transport consumes its own queue: Nest's pattern handlers are its consumers.
        if (fact.transport === 'server') index.consumed.add(key);
      }
      const target = nameOf(model, file, fact.deadLetter?.target);
      if (target !== undefined) index.deadLetterTargets.add(target);
      index.declarations.push(declaration);
    }
    for (const consumer of file.facts.consumers) {
      for (const source of consumer.sources) {
        const name = nameOf(model, file, source);
        if (name !== undefined) index.consumed.add(keyOf(consumer.broker, consumer.sourceKind, name));
      }
    }
  }
  for (const file of model.files.values()) {
    for (const binding of file.facts.queueBindings) {
      const source = nameOf(model, file, binding.source);
      const queue = nameOf(model, file, binding.queue);
      if (source !== undefined && queue !== undefined && index.deadLetterTargets.has(source)) index.boundToDeadLetterTarget.add(keyOf(binding.broker, 'queue', queue));
    }
  }
  cache.set(model, index);
  return index;
}

/** A declaration with its folded name. */
export function declarationOf(model: SystemModel, file: AnalyzedFile, fact: QueueDeclarationFact): Declaration {
  const declaration: Declaration = { file, fact };
  const folded = fact.name && model.foldString(file.path, fact.name.start, fact.name.end);
  const name = messageName(folded || undefined);
  if (name !== undefined) {
    declaration.name = name;
    declaration.nameFromEnv = folded ? folded.fromEnv : false;
  }
  return declaration;
}

/** The declarations of what a consumer reads: its sources by name, or (NestJS handlers) its service's transport queue. */
export function declarationsFor(model: SystemModel, file: AnalyzedFile, consumer: ConsumerFact): Declaration[] {
  const index = indexOf(model);
  if (consumer.viaTransport) {
    return index.declarations.filter((d) => d.fact.transport === 'server' && d.file.service !== undefined && d.file.service.name === file.service?.name);
  }
  return consumer.sources.flatMap((source) => {
    const name = nameOf(model, file, source);
    return name === undefined ? [] : (index.byKey.get(keyOf(consumer.broker, consumer.sourceKind, name)) ?? []);
  });
}

export function isConsumed(model: SystemModel, declaration: Declaration): boolean {
  return declaration.name !== undefined && indexOf(model).consumed.has(keyOf(declaration.fact.broker, declaration.fact.kind, declaration.name));
}

/** Named like one, named as another declaration's dead-letter target, or bound to a dead-letter exchange. */
export function isDeadLetterDestination(model: SystemModel, declaration: Declaration): boolean {
  const name = declaration.name;
  if (name === undefined) return false;
  const index = indexOf(model);
  return DEAD_LETTER_NAME.test(name) || index.deadLetterTargets.has(name) || index.boundToDeadLetterTarget.has(keyOf(declaration.fact.broker, declaration.fact.kind, name));
}

/** The display name of what a consumer reads: its first source's folded name, else its transport queue's. */
export function sourceName(model: SystemModel, file: AnalyzedFile, consumer: ConsumerFact, declarations: readonly Declaration[]): string | undefined {
  for (const source of consumer.sources) {
    const name = nameOf(model, file, source);
    if (name !== undefined) return name;
  }
  return declarations.find((d) => d.name !== undefined)?.name;
}

/** Does a declaration bound deliveries? Unreadable options are given the benefit of the doubt. */
export function limitsDeliveries(declaration: Declaration): boolean {
  const state = declaration.fact.deliveryLimit.state;
  return state === 'set' || state === 'built-in' || state === 'unknown';
}

/** Does a declaration keep finally failed messages somewhere (or might, when its options cannot be read)? */
export function keepsFailedMessages(declaration: Declaration): boolean {
  const state = declaration.fact.deadLetter?.state;
  return state === 'set' || state === 'built-in' || state === 'unknown';
}

/** The fix that writes a dead-letter setting named after the queue (`orders` → `orders.dlx` / `orders-dlq`). */
export function deadLetterFix(file: AnalyzedFile, declaration: Declaration): Fix[] {
  const slot = declaration.fact.deadLetterSlot;
  const name = declaration.name;
  // A name that comes from the environment would give the dead-letter destination a made-up name: no fix.
  if (!slot || name === undefined || declaration.nameFromEnv) return [];
  const target = `${name}${slot.suffix}`;
  const property = slot.property.replace('{dlq}', target.replace(/\\/g, '\\\\').replace(/'/g, "\\'"));
  const edits = addOptionEdits(file, slot, property);
  return edits ? [{ title: `Dead-letter failed messages to \`${target}\``, kind: 'unsafe', edits: { [file.path]: edits } }] : [];
}

/** The job queue an imported binding names, following re-exports (`export { emailQueue } from './email'`) a few modules deep. */
export function isImportedJobQueue(model: SystemModel, from: AnalyzedFile, imported: { specifier: string; name: string }): boolean {
  let current = { file: from, ...imported };
  for (let hops = 0; hops < 4; hops++) {
    const target = model.resolveImport(current.file.path, current.specifier)?.file;
    const module = target ? model.file(target) : undefined;
    if (!module) return false;
    if (module.facts.jobQueues.some((queue) => queue.exportedAs.includes(current.name))) return true;
    const reexport = module.facts.exports.find((e) => e.kind === 're-export' && e.from !== undefined && e.name === current.name);
    if (!reexport) return false;
    current = { file: module, specifier: reexport.from!, name: current.name };
  }
  return false;
}
