// Which values are broker clients, by where they come from (originOf): an amqplib channel, a kafkajs producer or
// consumer, a Bull/BullMQ queue. Shared by the consumer adapter (inbound-consumers.ts) and the send adapter
// (message-sends.ts), so both sides of a queue are recognised the same way.
import { pathEndsWith, pathEquals, withoutCallbackSteps, type ValueOrigin } from '../facts/origins.js';

export const AMQPLIB_MODULES: readonly string[] = ['amqplib', 'amqplib/callback_api'];

/** An amqplib channel: connect() → createChannel() in the promise or the callback API, or a `Channel`-typed value. */
export function isAmqpChannel(origin: ValueOrigin | undefined): boolean {
  if (!origin || !AMQPLIB_MODULES.includes(origin.module)) return false;
  const path = withoutCallbackSteps(origin.path);
  return (
    pathEndsWith(path, ['createChannel', '()']) ||
    pathEndsWith(path, ['createConfirmChannel', '()']) ||
    pathEquals(path, ['Channel', 'new']) ||
    pathEquals(path, ['ConfirmChannel', 'new'])
  );
}

/** amqp-connection-manager: a channel wrapper from connect(urls).createChannel(options), or a `ChannelWrapper`-typed value. */
export function isAmqpManagerChannel(origin: ValueOrigin | undefined): boolean {
  return origin?.module === 'amqp-connection-manager' && (pathEndsWith(origin.path, ['createChannel', '()']) || pathEquals(origin.path, ['ChannelWrapper', 'new']));
}

/** kafkajs: new Kafka(…).consumer(…), or a `Consumer`-typed value. */
export function isKafkaConsumer(origin: ValueOrigin | undefined): boolean {
  return origin?.module === 'kafkajs' && (pathEndsWith(origin.path, ['consumer', '()']) || pathEquals(origin.path, ['Consumer', 'new']));
}

/** kafkajs: new Kafka(…).producer(…), a `Producer`-typed value, or a producer's transaction (which sends like one). */
export function isKafkaProducer(origin: ValueOrigin | undefined): boolean {
  if (origin?.module !== 'kafkajs') return false;
  const { path } = origin;
  if (pathEndsWith(path, ['producer', '()']) || pathEquals(path, ['Producer', 'new'])) return true;
  return pathEndsWith(path, ['transaction', '()']) && isKafkaProducer({ module: origin.module, path: path.slice(0, -2) });
}

/** Bull (v3): `new Queue(name)`, `Queue(name)` (the default export is the class), or a `Queue`-typed value. */
export function isBullQueue(origin: ValueOrigin | undefined): boolean {
  if (origin?.module !== 'bull') return false;
  return pathEquals(origin.path, ['new']) || pathEquals(origin.path, ['()']) || pathEquals(origin.path, ['Queue', 'new']);
}

/** BullMQ: `new Queue(name, opts)` or a `Queue`-typed value (what `@InjectQueue` gives a Nest service). */
export function isBullmqQueue(origin: ValueOrigin | undefined): boolean {
  return origin?.module === 'bullmq' && pathEquals(origin.path, ['Queue', 'new']);
}
