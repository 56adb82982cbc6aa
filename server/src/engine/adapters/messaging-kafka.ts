// kafkajs consumers: `consumer.run({ eachMessage | eachBatch })` with the topics its `subscribe` calls name. When a handler
// throws, kafkajs retries the same offset, then crashes the consumer and (by default, `restartOnFailure`) restarts it at that
// offset again: a poison message holds its partition forever. A `restartOnFailure` of the consumer's or client's `retry`
// settings is the code deciding when to stop, so it bounds the failure.
import ts from 'typescript';
import type { FactsAdapter } from '../facts/adapter.js';
import { arrayElementsOf, objectLiteralOf, propertyValue, settingAt } from '../facts/config-objects.js';
import type { FileIndex } from '../facts/file-index.js';
import type { ConsumerFact } from '../facts/messaging-types.js';
import { originOf } from '../facts/origins.js';
import { calledMethod, isFunctionLiteral, returnedExpression, unwrapExpression } from '../facts/syntax.js';
import type { Span } from '../facts/types.js';
import { isKafkaConsumer } from './broker-clients.js';
import { creationOf, escapesOf, handlerOption } from './messaging-handlers.js';

export const kafkaMessagingAdapter: FactsAdapter = {
  name: 'messaging-kafka',
  extract(file, facts) {
    const runs: ts.CallExpression[] = [];
    const topicsByConsumer = new Map<string, Span[]>();
    for (const call of file.calls) {
      const method = calledMethod(call);
      if (!method || (method.name !== 'run' && method.name !== 'subscribe') || !isKafkaConsumer(originOf(file, method.receiver))) continue;
      if (method.name === 'run') runs.push(call);
      else {
        const key = consumerKey(file, method.receiver);
        topicsByConsumer.set(key, [...(topicsByConsumer.get(key) ?? []), ...subscribedTopics(file, call)]);
      }
    }
    for (const run of runs) {
      const receiver = calledMethod(run)!.receiver;
      const config = objectLiteralOf(file, run.arguments[0]);
      const handler = config && (handlerOption(file, config, 'eachMessage') ?? handlerOption(file, config, 'eachBatch'));
      const fact: ConsumerFact = {
        ...file.span(run),
        library: 'kafkajs',
        broker: 'kafka',
        sourceKind: 'topic',
        sources: topicsByConsumer.get(consumerKey(file, receiver)) ?? [],
        ack: 'library',
        requeues: [],
        deliveryCountChecked: false,
        failures: [],
        drops: [],
        undeclaredLimit: 'none',
      };
      if (handler) {
        fact.handler = file.span(handler);
        const escapes = escapesOf(file, handler);
        if ((escapes.rethrows.length > 0 || escapes.unprotected.length > 0) && !restartIsBounded(file, receiver)) {
          fact.failures.push(file.span(run));
          fact.failureRedelivery = 'forever';
        }
      }
      facts.consumers.push(fact);
    }
  },
};

/** One consumer, however it is reached: the call that created it, else the receiver as written (`this.consumer`). */
function consumerKey(file: FileIndex, receiver: ts.Expression): string {
  const creation = creationOf(file, receiver);
  return creation ? `@${creation.pos}` : unwrapExpression(receiver).getText(file.sourceFile);
}

/** `subscribe({ topic })` / `subscribe({ topics: [...] })`; regular expressions name no topic. */
function subscribedTopics(file: FileIndex, call: ts.CallExpression): Span[] {
  const options = objectLiteralOf(file, call.arguments[0]);
  if (!options) return [];
  const single = propertyValue(file, options, 'topic');
  const many = arrayElementsOf(file, propertyValue(file, options, 'topics')) ?? [];
  return [...(single ? [single] : []), ...many].filter((topic) => !ts.isRegularExpressionLiteral(unwrapExpression(topic))).map((topic) => file.span(topic));
}

/** `retry.restartOnFailure` on the consumer's config or its Kafka client's, unless it always restarts (`async () => true`). */
function restartIsBounded(file: FileIndex, receiver: ts.Expression): boolean {
  const consumerCreation = creationOf(file, receiver);
  if (!consumerCreation || !ts.isCallExpression(consumerCreation)) return false;
  const own = settingAt(file, consumerCreation.arguments[0], ['retry', 'restartOnFailure']);
  const method = calledMethod(consumerCreation);
  const client = method && creationOf(file, method.receiver);
  const inherited = client && ts.isNewExpression(client) ? settingAt(file, client.arguments?.[0], ['retry', 'restartOnFailure']) : undefined;
  const setting = own ?? inherited;
  return setting !== undefined && !alwaysTrue(setting);
}

function alwaysTrue(expression: ts.Expression): boolean {
  const fn = unwrapExpression(expression);
  if (!isFunctionLiteral(fn)) return false;
  const returned = returnedExpression(fn);
  const value = returned && unwrapExpression(returned);
  if (!value) return false;
  if (value.kind === ts.SyntaxKind.TrueKeyword) return true;
  // `async () => Promise.resolve(true)`
  return ts.isCallExpression(value) && value.arguments.length === 1 && value.arguments[0]!.kind === ts.SyntaxKind.TrueKeyword;
}
