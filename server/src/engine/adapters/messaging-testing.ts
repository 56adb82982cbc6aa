// Test support for the messaging adapters: the messaging facts of a snippet with spans shown as source text, and only the
// fields a case cares about, so a failing expectation reads like the code.
import { factsOf, slice } from '../facts/testing.js';
import type { Span } from '../facts/types.js';

const first = (text: string, span: Span | undefined): string | undefined => span && slice(text, span).split('\n')[0];

export interface ConsumerRow {
  library: string;
  at: string;
  sources: string[];
  ack: string;
  requeues?: string[];
  counted?: true;
  failures?: string[];
  redelivery?: string;
  drops?: string[];
  transport?: true;
}

export function consumersOf(text: string): ConsumerRow[] {
  return factsOf(text).consumers.map((fact) => {
    const row: ConsumerRow = { library: fact.library, at: first(text, fact)!, sources: fact.sources.map((s) => slice(text, s)), ack: fact.ack };
    if (fact.requeues.length > 0) row.requeues = fact.requeues.map((s) => slice(text, s));
    if (fact.deliveryCountChecked) row.counted = true;
    if (fact.failures.length > 0) row.failures = fact.failures.map((s) => first(text, s)!);
    if (fact.failureRedelivery) row.redelivery = fact.failureRedelivery;
    if (fact.drops.length > 0) row.drops = fact.drops.map((d) => slice(text, d.at));
    if (fact.viaTransport) row.transport = true;
    return row;
  });
}

export interface DeclarationRow {
  library: string;
  at: string;
  name?: string;
  deadLetter?: string;
  limit: string;
  temporary?: true;
  judgedWhenConsumed?: true;
  transport?: string;
  ack?: string;
  slot?: string;
}

export function declarationsOf(text: string): DeclarationRow[] {
  return factsOf(text).queueDeclarations.map((fact) => {
    const row: DeclarationRow = { library: fact.library, at: first(text, fact.reportAt)!, limit: fact.deliveryLimit.state };
    if (fact.name) row.name = slice(text, fact.name);
    if (fact.deadLetter) row.deadLetter = fact.deadLetter.target ? `set ${slice(text, fact.deadLetter.target)}` : fact.deadLetter.state;
    if (fact.deliveryLimit.value) row.limit += ` ${fact.deliveryLimit.option}=${slice(text, fact.deliveryLimit.value)}`;
    if (fact.temporary) row.temporary = true;
    if (fact.judgedWhenConsumed) row.judgedWhenConsumed = true;
    if (fact.transport) row.transport = fact.transport;
    if (fact.ack) row.ack = fact.ack;
    const slot = fact.deadLetterSlot;
    if (slot) row.slot = slot.object ? `${slot.property} in ${first(text, slot.object)}` : `${slot.property} as argument ${slot.argumentIndex}`;
    return row;
  });
}

/** Bindings as `queue <- source [pattern]`. */
export function bindingsOf(text: string): string[] {
  return factsOf(text).queueBindings.map((b) => `${slice(text, b.queue)} <- ${slice(text, b.source)}${b.pattern ? ` ${slice(text, b.pattern)}` : ''}`);
}
