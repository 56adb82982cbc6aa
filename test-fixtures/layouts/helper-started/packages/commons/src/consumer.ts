import { Kafka, type EachMessagePayload } from 'kafkajs';
import { logger } from './logger.js';

export interface ConsumerOptions {
  clientId: string;
  groupId: string;
  topic: string;
  handle: (payload: EachMessagePayload) => Promise<void>;
}

/** Connects a Kafka consumer group and runs the handler for every message of the topic. */
export async function startConsumer(options: ConsumerOptions): Promise<void> {
  const kafka = new Kafka({ clientId: options.clientId, brokers: (process.env.KAFKA_BROKERS ?? 'localhost:9092').split(',') });
  const consumer = kafka.consumer({ groupId: options.groupId });
  await consumer.connect();
  await consumer.subscribe({ topic: options.topic, fromBeginning: false });
  await consumer.run({ eachMessage: options.handle });
  logger.info('consuming', { topic: options.topic, groupId: options.groupId });
  process.once('SIGTERM', () => void consumer.disconnect());
}
