// The messaging adapters, one per broker family, each isolated (one that throws loses only its own facts for the file).
import type { FactsAdapter } from '../facts/adapter.js';
import { amqpMessagingAdapter } from './messaging-amqp.js';
import { jobsMessagingAdapter } from './messaging-jobs.js';
import { kafkaMessagingAdapter } from './messaging-kafka.js';
import { natsMessagingAdapter } from './messaging-nats.js';
import { natsSubjectsAdapter } from './messaging-nats-subjects.js';
import { nestMessagingAdapter } from './messaging-nest.js';
import { pubsubMessagingAdapter } from './messaging-pubsub.js';
import { serviceBusMessagingAdapter } from './messaging-servicebus.js';
import { sqsMessagingAdapter } from './messaging-sqs.js';

export const MESSAGING_ADAPTERS: readonly FactsAdapter[] = [
  amqpMessagingAdapter,
  kafkaMessagingAdapter,
  jobsMessagingAdapter,
  sqsMessagingAdapter,
  pubsubMessagingAdapter,
  nestMessagingAdapter,
  natsMessagingAdapter,
  natsSubjectsAdapter,
  serviceBusMessagingAdapter,
];
