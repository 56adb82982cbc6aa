// Library-neutral facts about message consumption: what a consumer does with a message that keeps failing, and where the
// broker puts it in the end. Adapters (adapters/messaging-*.ts) know amqplib's `nack(msg)`, SQS's RedrivePolicy or
// Pub/Sub's deadLetterPolicy; rules only read "requeues", "delivery limit", "dead-letter target".
import type { Span } from './types.js';

/**
 * The namespace a queue or topic name lives in: an opaque key ('amqp', 'kafka', 'sqs', 'pubsub', 'redis-jobs', 'nats',
 * 'servicebus'). Names are compared only within one broker, so an SQS queue `orders` is not a RabbitMQ queue `orders`.
 */
export type BrokerKey = string;

/** What a consumer reads or a declaration creates. */
export type MessageSourceKind = 'queue' | 'topic' | 'subscription' | 'job-queue' | 'consumer';

/**
 * A queue, subscription or durable consumer declared in code, with the settings that decide what happens to a message that
 * keeps failing: amqplib `assertQueue`, SQS `CreateQueueCommand`, Pub/Sub `createSubscription`, a NestJS RMQ transport's
 * queue, a JetStream consumer, a Service Bus queue. Span = the declaring call or options object.
 */
export interface QueueDeclarationFact extends Span {
  library: string;
  broker: BrokerKey;
  kind: MessageSourceKind;
  /** The declared name (folded by the model). Absent for a server-named queue (`assertQueue('')`). */
  name?: Span;
  /**
   * A NestJS microservice transport: 'server' declares the queue the service's pattern handlers consume; 'client' is the
   * client-side mirror a `ClientProxy` asserts before sending.
   */
  transport?: 'server' | 'client';
  /** Lives only as long as its connection (exclusive, auto-delete, server-named): it needs no dead-letter queue. */
  temporary: boolean;
  /**
   * Both sides of such queues declare them (RabbitMQ publishers assert the queues they feed, and reply queues come and go),
   * so the declaration matters only when something in the workspace consumes the queue.
   */
  judgedWhenConsumed: boolean;
  /** How consumers of this declaration acknowledge, when the declaration decides it (a NestJS transport's `noAck`). */
  ack?: 'manual' | 'auto';
  /** Where a message that finally fails goes. Absent when the broker has no such notion for this kind (a JetStream consumer). */
  deadLetter?: DeadLetterSetting;
  /** How many times the broker delivers a message before it stops (and dead-letters it, where a dead-letter target is set). */
  deliveryLimit: DeliveryLimitSetting;
  /** Where a finding about this declaration goes: the declaring call, or the option that should carry the dead-letter setting. */
  reportAt: Span;
  /** Where a fix can add a dead-letter setting; absent when there is no safe place (options from a parameter). */
  deadLetterSlot?: DeadLetterSlot;
}

export interface DeadLetterSetting {
  /**
   * 'set': a dead-letter target is configured. 'absent': none. 'built-in': the broker always keeps failed messages
   * (Azure Service Bus's dead-letter subqueue). 'unknown': the options cannot be read.
   */
  state: 'set' | 'absent' | 'built-in' | 'unknown';
  /** 'set': the target's name expression (an exchange, a queue ARN, a topic). */
  target?: Span;
  /** The option that sets a dead-letter target, as the library spells it ('deadLetterExchange', 'RedrivePolicy', 'deadLetterPolicy'). */
  option?: string;
}

export interface DeliveryLimitSetting {
  /**
   * 'set': a finite limit. 'unlimited': explicitly none (`max_deliver: -1`). 'absent': nothing, and the broker's default is
   * no limit. 'built-in': the broker limits deliveries by default. 'unknown': the options cannot be read.
   */
  state: 'set' | 'unlimited' | 'absent' | 'built-in' | 'unknown';
  /** The setting as the library spells it: 'x-delivery-limit', 'maxReceiveCount', 'maxDeliveryAttempts', 'max_deliver', 'maxDeliveryCount'. */
  option?: string;
  value?: Span;
}

/** Where and how a fix writes a dead-letter setting. */
export interface DeadLetterSlot {
  /** The options object the property is added to. */
  object?: Span;
  /** No options object: the call that gets `{ <property> }` as argument `argumentIndex`. */
  call?: Span;
  argumentIndex?: number;
  /** The property to write, with `{dlq}` standing for the derived dead-letter name (a string's content, unquoted). */
  property: string;
  /** Appended to the queue's name to name the dead-letter destination: '.dlx' (an exchange), '-dlq' (a queue or topic). */
  suffix: string;
}

/**
 * Code that takes messages off a broker and handles them: amqplib `consume`, kafkajs `consumer.run`, a BullMQ `Worker`,
 * an SQS receive loop or `sqs-consumer`, a Pub/Sub `on('message')`, a NestJS `@EventPattern` handler, a JetStream
 * consumer, a Service Bus receiver. Span = the consumer's anchor (the `consume`/`run`/receive call, the worker, the handler).
 */
export interface ConsumerFact extends Span {
  library: string;
  broker: BrokerKey;
  sourceKind: MessageSourceKind;
  /** The names it reads (queues, queue URLs, topics, subscriptions, job queues); empty when unknown or given by the transport. */
  sources: Span[];
  /** Reads the service's transport queue (NestJS pattern handlers): its declaration is the service's 'server' transport. */
  viaTransport?: boolean;
  /** The handler function or loop. */
  handler?: Span;
  /**
   * 'manual': the code settles each message. 'auto': the broker forgets a message once delivered (`noAck: true`).
   * 'library': the library settles it from the handler's outcome. 'transport': the service's transport declaration decides.
   */
  ack: 'manual' | 'auto' | 'library' | 'transport';
  /** Calls that put the message back for redelivery (`nack(msg)`, `reject(msg, true)`, Pub/Sub `nack()`, JetStream `nak()`). */
  requeues: Span[];
  /** The handler reads a delivery count before deciding (`x-delivery-count`, `x-death`, `redelivered`, `ApproximateReceiveCount`, …). */
  deliveryCountChecked: boolean;
  /** Where a failing message is left to the broker to deliver again: a rethrow, or the consumer itself when errors escape its handler. */
  failures: Span[];
  /**
   * What the broker does with a message left there: 'forever' (nothing on the broker side stops it, e.g. a Kafka partition
   * stuck on the offset), 'until-dead-lettered' (until the source's delivery limit or dead-letter policy takes it away).
   */
  failureRedelivery?: 'forever' | 'until-dead-lettered';
  /** Acks or deletes in the handler's error path (a catch or finally block): the failed message is gone unless that path publishes it. */
  drops: Array<{ at: Span; errorPath: Span }>;
  /**
   * The delivery limit to assume when no declaration of the source is in the workspace: 'none' (RabbitMQ classic queues have
   * none), 'unknown' (cloud queues are usually configured outside the code), 'built-in' (the broker limits by default).
   */
  undeclaredLimit: 'none' | 'unknown' | 'built-in';
  /** How a delivery limit is set for this consumer's source, in words for advice ("`x-delivery-limit` on a quorum queue"). */
  limitSetting?: string;
}

/** Messages sent to `source` (an exchange, a topic) whose routing key matches `pattern` reach `queue`. Span = the binding call. */
export interface QueueBindingFact extends Span {
  library: string;
  broker: BrokerKey;
  queue: Span;
  source: Span;
  /** The binding key (`*` and `#` wildcards, '' for fanout); absent when the binding takes every message. */
  pattern?: Span;
}

/**
 * A send to an exchange with a routing key (amqplib `publish(exchange, key, …)`). Span = the send call, the same span as its
 * `MessageSendFact`, whose destination is the exchange; the key decides which bound queues get the message.
 */
export interface PublishRouteFact extends Span {
  broker: BrokerKey;
  exchange: Span;
  routingKey: Span;
}

/** Job options that decide what is kept of a failed job (BullMQ/Bull job options, queue defaults, worker settings). Span = the options object. */
export interface JobOptionsFact extends Span {
  library: string;
  /** 'job': `queue.add(…, opts)`; 'queue-defaults': `defaultJobOptions`; 'worker': the worker's own settings. */
  scope: 'job' | 'queue-defaults' | 'worker';
  /** The queue name's expression, when known. */
  queue?: Span;
  /** Failed jobs are deleted (`removeOnFail: true`, `0`, `{ count: 0 }`): the property, its value, and a value that keeps them. */
  discardsFailed?: { option: Span; value: Span; keep: string };
  /** The `attempts` value expression. */
  attempts?: Span;
  /**
   * Options passed to a method of an imported binding (`import { emailQueue } from './email'; emailQueue.add(…, opts)`): taken
   * from the call's shape, they are job options only if that module exports a job queue under `name` (a `JobQueueFact`).
   */
  queueImport?: { specifier: string; name: string };
}

/** A job queue instance (BullMQ/Bull `new Queue(name)`), with the names its module exports it under. Span = the creation. */
export interface JobQueueFact extends Span {
  library: string;
  name?: Span;
  /** 'default' for `export default`. */
  exportedAs: string[];
}
