// Queue, topic and subscription names as the two ends of a message write them: one side names an SQS queue by URL and the
// other by name, Pub/Sub takes `projects/p/topics/orders` or `orders`, a dead-letter target is an ARN. Folded to the bare name.
import type { Span } from '../facts/types.js';
import type { FoldedString } from './types.js';

/** The folder's marker for a part it could not resolve: such a value names nothing reliably. */
const UNKNOWN = '\u2026';

/** The bare name a folded queue/topic expression denotes; undefined when it is not known. */
export function messageName(folded: FoldedString | undefined): string | undefined {
  if (!folded || folded.value === '' || folded.value.includes(UNKNOWN)) return undefined;
  return bareName(folded.value);
}

/** `https://sqs.eu-west-1.amazonaws.com/123/orders` → `orders`; `arn:aws:sqs:eu-west-1:123:orders` → `orders`; `projects/p/topics/orders` → `orders`. */
export function bareName(value: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    const segments = value.replace(/[?#].*$/, '').split('/').filter((s) => s !== '');
    return segments[segments.length - 1] ?? value;
  }
  if (value.startsWith('arn:')) return value.slice(value.lastIndexOf(':') + 1);
  const resource = /^projects\/[^/]+\/(?:topics|subscriptions)\/(.+)$/.exec(value);
  return resource ? resource[1]! : value;
}

/** The name a span of a file folds to, with the model's folding. */
export function nameAt(fold: (file: string, start: number, end: number) => FoldedString | undefined, file: string, span: Span): string | undefined {
  return messageName(fold(file, span.start, span.end));
}

/**
 * Whether a routing key reaches a binding: AMQP topic semantics (`*` one word, `#` zero or more), which also decide direct
 * bindings (no wildcards: equal keys). An empty binding key takes everything, as a fanout exchange does.
 */
export function routingKeyMatches(pattern: string, key: string): boolean {
  if (pattern === '' || pattern === '#') return true;
  const words = key.split('.');
  const parts = pattern.split('.');
  // Bounded dynamic programming over (pattern part, key word): no backtracking blow-up on `#.#.#`.
  let reachable = new Set<number>([0]);
  for (const part of parts) {
    const next = new Set<number>();
    for (const at of reachable) {
      if (part === '#') for (let k = at; k <= words.length; k++) next.add(k);
      else if (at < words.length && (part === '*' || part === words[at])) next.add(at + 1);
    }
    reachable = next;
  }
  return reachable.has(words.length);
}
