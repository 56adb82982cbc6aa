// Outbound messaging and caches: broker connections (amqplib, kafkajs), Redis (BullMQ, Bull, ioredis, node-redis)
// and NestJS microservice transports. Each fact's value is the location expression as written.
import ts from 'typescript';
import type { ExtractedFacts, FactsAdapter } from '../facts/adapter.js';
import { arrayElementsOf, endpointInArgument, endpointInOptions, endpointSink, objectLiteralOf, propertyValue, settingAt } from '../facts/config-objects.js';
import type { FileIndex } from '../facts/file-index.js';
import { originOf, pathEquals } from '../facts/origins.js';
import { calledMethod, unwrapExpression } from '../facts/syntax.js';
import type { EndpointSinkFact } from '../facts/types.js';

const REDIS_HOST_KEYS = { url: ['url'], host: ['host'] } as const;
/** BullMQ classes and the index of their options argument. */
const BULLMQ_OPTIONS_ARGUMENT: Readonly<Record<string, number>> = { Queue: 1, Worker: 2, QueueEvents: 1, FlowProducer: 0, JobScheduler: 1, QueueScheduler: 1 };
const NEST_MICROSERVICES = '@nestjs/microservices';
/** Transports whose server-side options name a broker; TCP and gRPC servers name the address they bind, not a remote. */
const NEST_BROKER_TRANSPORTS = ['RMQ', 'KAFKA', 'NATS', 'REDIS', 'MQTT'];

export const brokersAdapter: FactsAdapter = {
  name: 'brokers',
  extract(file, facts) {
    for (const call of file.calls) brokerCall(file, facts, call);
    for (const construction of file.constructions) brokerConstruction(file, facts, construction);
    nestTransportOptions(file, facts);
  },
};

function brokerCall(file: FileIndex, facts: ExtractedFacts, call: ts.CallExpression): void {
  const callee = originOf(file, call.expression);
  if (!callee) return;
  const { module, path } = callee;
  if ((module === 'amqplib' || module === 'amqplib/callback_api') && pathEquals(path, ['connect'])) {
    // amqplib.connect(url: string | Options.Connect): Options.Connect spells the host `hostname`.
    const setting = endpointInArgument(file, call.arguments[0], { host: ['hostname'] });
    if (setting) facts.endpointSinks.push(endpointSink(file, call, 'broker', 'amqplib', setting));
  } else if (module === 'amqp-connection-manager' && pathEquals(path, ['connect'])) {
    eachLocation(file, facts, call, call.arguments[0], 'broker', 'amqp-connection-manager');
  } else if ((module === 'redis' || module === '@redis/client') && pathEquals(path, ['createClient'])) {
    const options = objectLiteralOf(file, call.arguments[0]);
    const setting = options && (endpointInOptions(file, options, { url: ['url'] }) ?? endpointInArgument(file, propertyValue(file, options, 'socket'), { host: ['host'] }));
    if (setting) facts.endpointSinks.push(endpointSink(file, call, 'cache', 'redis', setting));
  } else if ((module === 'redis' || module === '@redis/client') && pathEquals(path, ['createCluster'])) {
    for (const node of arrayElementsOf(file, settingAt(file, call.arguments[0], ['rootNodes'])) ?? []) {
      const setting = endpointInArgument(file, node, { url: ['url'] });
      if (setting) facts.endpointSinks.push(endpointSink(file, call, 'cache', 'redis', setting));
    }
  }
}

function brokerConstruction(file: FileIndex, facts: ExtractedFacts, construction: ts.NewExpression): void {
  const callee = originOf(file, construction.expression);
  if (!callee) return;
  const { module, path } = callee;
  const args = construction.arguments ?? ts.factory.createNodeArray<ts.Expression>();
  if (module === 'kafkajs' && pathEquals(path, ['Kafka'])) {
    // new Kafka({ clientId, brokers: ['kafka:9092'] }): one fact per broker, or the whole expression when computed.
    eachLocation(file, facts, construction, settingAt(file, args[0], ['brokers']), 'broker', 'kafkajs');
  } else if (module === 'bullmq' && path.length === 1 && path[0]! in BULLMQ_OPTIONS_ARGUMENT) {
    const connection = settingAt(file, args[BULLMQ_OPTIONS_ARGUMENT[path[0]!]!], ['connection']);
    redisConnection(file, facts, construction, connection, 'bullmq');
  } else if (module === 'bull' && (path.length === 0 || pathEquals(path, ['Queue']))) {
    // new Queue(name, 'redis://…', opts) or new Queue(name, { redis: { host, port } | url }).
    const second = args[1];
    if (second && !objectLiteralOf(file, second)) redisConnection(file, facts, construction, second, 'bull');
    else redisConnection(file, facts, construction, settingAt(file, second, ['redis']), 'bull');
  } else if (module === 'ioredis' && (path.length === 0 || pathEquals(path, ['Redis']))) {
    ioredisConstruction(file, facts, construction, args);
  } else if (module === 'ioredis' && (pathEquals(path, ['Cluster']) || pathEquals(path, ['Redis', 'Cluster']))) {
    eachLocation(file, facts, construction, args[0], 'cache', 'ioredis', { url: ['url'], host: ['host'] });
  }
}

/** new Redis(url) | new Redis(port, host) | new Redis({ host, port }) | new Redis(port). */
function ioredisConstruction(file: FileIndex, facts: ExtractedFacts, construction: ts.NewExpression, args: ts.NodeArray<ts.Expression>): void {
  const first = args[0];
  if (!first) return;
  const unwrapped = unwrapExpression(first);
  if (ts.isNumericLiteral(unwrapped)) {
    const host = args[1] && !objectLiteralOf(file, args[1]) ? args[1] : undefined;
    const setting = host ? { value: host, port: first } : { value: first };
    facts.endpointSinks.push(endpointSink(file, construction, 'cache', 'ioredis', setting));
    return;
  }
  const setting = endpointInArgument(file, first, REDIS_HOST_KEYS);
  if (setting) facts.endpointSinks.push(endpointSink(file, construction, 'cache', 'ioredis', setting));
}

/** A Redis `connection` option: a location, unless it is a client constructed elsewhere (that construction is the sink). */
function redisConnection(file: FileIndex, facts: ExtractedFacts, node: ts.Node, connection: ts.Expression | undefined, library: string): void {
  if (!connection || originOf(file, connection)) return;
  const setting = endpointInArgument(file, connection, REDIS_HOST_KEYS);
  if (setting) facts.endpointSinks.push(endpointSink(file, node, 'cache', library, setting));
}

/** One fact per element of a location list (`brokers: [a, b]`), or one for the list expression when it is computed. */
function eachLocation(
  file: FileIndex,
  facts: ExtractedFacts,
  node: ts.Node,
  list: ts.Expression | undefined,
  sink: EndpointSinkFact['sink'],
  library: string,
  keys: { url?: readonly string[]; host?: readonly string[] } = { url: ['url'], host: ['hostname', 'host'] },
): void {
  if (!list) return;
  const elements = arrayElementsOf(file, list) ?? [list];
  for (const element of elements) {
    const setting = endpointInArgument(file, element, keys);
    if (setting) facts.endpointSinks.push(endpointSink(file, node, sink, library, setting));
  }
}

/**
 * NestJS transports: option objects written with `transport: Transport.X`, and the entries of ClientsModule.register /
 * ClientProxyFactory.create (where TCP is the default transport). Client options are 'message-client'; options given to
 * createMicroservice / connectMicroservice are the broker the service consumes from.
 */
function nestTransportOptions(file: FileIndex, facts: ExtractedFacts): void {
  const candidates = new Set<ts.ObjectLiteralExpression>();
  for (const object of file.objectLiterals) {
    if (transportOf(file, object) !== undefined) candidates.add(object);
  }
  for (const call of file.calls) {
    const callee = originOf(file, call.expression);
    if (callee?.module !== NEST_MICROSERVICES) continue;
    if (pathEquals(callee.path, ['ClientsModule', 'register'])) {
      for (const entry of arrayElementsOf(file, call.arguments[0]) ?? []) {
        const object = objectLiteralOf(file, entry);
        if (object) candidates.add(object);
      }
    } else if (pathEquals(callee.path, ['ClientProxyFactory', 'create']) || pathEquals(callee.path, ['Client'])) {
      const object = objectLiteralOf(file, call.arguments[0]);
      if (object) candidates.add(object);
    }
  }
  const serverOptions = microserviceServerOptions(file);
  for (const object of candidates) {
    const transport = transportOf(file, object) ?? 'TCP';
    const isServer = serverOptions.has(object);
    if (isServer && !NEST_BROKER_TRANSPORTS.includes(transport)) continue;
    const sink = isServer ? 'broker' : 'message-client';
    const options = propertyValue(file, object, 'options');
    const lists = ['urls', 'servers'].map((key) => settingAt(file, options, [key])).concat(settingAt(file, options, ['client', 'brokers']));
    const list = lists.find((candidate) => candidate !== undefined);
    if (list) {
      eachLocation(file, facts, object, list, sink, NEST_MICROSERVICES);
      continue;
    }
    const single = objectLiteralOf(file, options);
    const setting = single && endpointInOptions(file, single, { url: ['url'], host: ['host'] });
    if (setting) facts.endpointSinks.push(endpointSink(file, object, sink, NEST_MICROSERVICES, setting));
  }
}

/** The Transport member named by `transport: Transport.RMQ`, when Transport comes from @nestjs/microservices. */
function transportOf(file: FileIndex, object: ts.ObjectLiteralExpression): string | undefined {
  const transport = propertyValue(file, object, 'transport');
  if (!transport) return undefined;
  const origin = originOf(file, transport);
  return origin?.module === NEST_MICROSERVICES && origin.path.length === 2 && origin.path[0] === 'Transport' ? origin.path[1] : undefined;
}

/** Option objects passed (inline or through a local variable) to createMicroservice / connectMicroservice. */
function microserviceServerOptions(file: FileIndex): Set<ts.ObjectLiteralExpression> {
  const found = new Set<ts.ObjectLiteralExpression>();
  for (const call of file.calls) {
    const name = calledMethod(call)?.name;
    if (name !== 'createMicroservice' && name !== 'connectMicroservice') continue;
    for (const argument of call.arguments) {
      const object = objectLiteralOf(file, argument);
      if (object) found.add(object);
    }
  }
  return found;
}
