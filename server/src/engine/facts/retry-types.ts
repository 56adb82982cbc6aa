// Facts about retries that a library performs for the code: retry helpers (p-retry, async-retry, axios-retry, cockatiel,
// exponential-backoff) and broker redelivery settings (BullMQ/Bull job `attempts`, NATS JetStream `max_deliver`).
// Library-neutral: a rule reads how the retrying is bounded and how to bound it, never the library's option names' meaning.
// Hand-written retry loops are not facts: whether a loop retries a *remote* call needs the linked model (wrappers).
import type { OptionsSlot, Span } from './types.js';

/**
 * One retry configuration. Span = where it is configured: the retry call (`pRetry(fn, opts)`, `retry(handleAll, opts)`,
 * `axiosRetry(axios, opts)`), the job-options call (`queue.add(...)`, `new Queue(...)`), or the consumer-config call.
 */
export interface RetryFact extends Span {
  /** 'p-retry', 'async-retry', 'axios-retry', 'cockatiel', 'exponential-backoff', 'bullmq', 'bull', 'nats', … */
  library: string;
  /** What is retried: 'call' (a function or request retried in-process), 'job' (a queued job re-run), 'message' (a redelivery). */
  subject: 'call' | 'job' | 'message';
  /**
   * 'finite': a finite bound is written, or the library's default is finite. 'infinite': written as never-ending (`forever: true`,
   * `retries: Infinity`, `max_deliver: -1`). 'missing': no bound is written and the library's default is to retry forever
   * (cockatiel without `maxAttempts`). 'unknown': the options cannot be read statically (a parameter, an unknown spread).
   */
  bound: 'finite' | 'infinite' | 'missing' | 'unknown';
  /** What is retried, when it is named (`pRetry(fetchRates, …)` → `fetchRates`): a function or client, not a function literal. */
  retried?: Span;
  /** The option that bounds the retrying for this library ('retries', 'maxAttempts', 'attempts', 'numOfAttempts', 'max_deliver'). */
  option: string;
  /** 'infinite': the setting that makes it so, where a finding goes (the property `retries: Infinity`, or the argument of `maxDeliver(-1)`). */
  optionSpan?: Span;
  /** 'infinite' and 'missing': the edits that bound it, each writing the rule's finite value. Absent when no edit is safe. */
  fix?: RetryBoundEdit[];
}

/** One edit of a bounding fix. `N` is the finite value the rule chooses. */
export type RetryBoundEdit =
  /** Replace the span (a value: `Infinity`, `-1`) with `N`. */
  | { kind: 'set-value'; span: Span }
  /** Replace the span (a property: `forever: true`, a shorthand `{ retries }`) with `<option>: N`. */
  | { kind: 'write-option'; span: Span; option: string }
  /** Add `<option>: N` to an options object, or pass a new options object (cockatiel without `maxAttempts`). */
  | { kind: 'add-option'; slot: OptionsSlot; option: string }
  /** Delete a property together with its separating comma (`forever: true` next to a finite `retries`). */
  | { kind: 'remove-property'; span: Span };
