// The payload of each message send (rules.md: a message/event payload is a contract): which argument or property of the
// send carries the message body for each library the message-sends adapter recognises, seen through the serialization on
// the way out (`Buffer.from(JSON.stringify(event))` carries `event`, also through a local constant holding the string).
import ts from 'typescript';
import { emptyFacts } from '../facts/adapter.js';
import { arrayElementsOf, objectLiteralOf, propertyValue } from '../facts/config-objects.js';
import type { ContractSiteFact } from '../facts/contract-types.js';
import type { FileIndex } from '../facts/file-index.js';
import { functionIdOf } from '../facts/function-ids.js';
import { originOf } from '../facts/origins.js';
import { stringLiteralValue, unwrapExpression } from '../facts/syntax.js';
import type { MessageSendFact } from '../facts/types.js';
import { messageSendsAdapter } from './message-sends.js';

const SERIALIZE_BUDGET = 4;

/** The libraries message-sends.ts recognises: a file that names none of them sends no message. */
const BROKER_MODULE = /['"](?:amqplib|amqp-connection-manager|kafkajs|bull|bullmq|@nestjs\/microservices|@nestjs\/bull(?:mq)?|@google-cloud\/pubsub|@aws-sdk\/client-sqs|@aws-sdk\/client-sns|aws-sdk)(?:\/[\w./-]*)?['"]/;

export function collectMessagePayloads(file: FileIndex, sites: ContractSiteFact[]): void {
  if (!BROKER_MODULE.test(file.text)) return;
  const scratch = emptyFacts();
  messageSendsAdapter.extract(file, scratch);
  if (scratch.messageSends.length === 0) return;
  const callsByStart = new Map(file.calls.map((call) => [call.getStart(file.sourceFile), call]));
  for (const send of scratch.messageSends) {
    const call = callsByStart.get(send.start);
    if (!call || call.end !== send.end) continue;
    const owner = file.ancestor(call, (node): node is ts.FunctionLikeDeclaration => ts.isFunctionLike(node) && 'body' in node && node.body !== undefined);
    for (const payload of payloadsOf(file, send, call)) {
      const { value, serialized } = unserialized(file, payload);
      const fact: ContractSiteFact = { ...file.span(call), kind: 'message', library: send.library, value: file.span(value) };
      if (owner) fact.functionId = functionIdOf(owner, file);
      if (serialized) fact.serialized = true;
      sites.push(fact);
    }
  }
}

/** The expressions that become message bodies, per library and operation. */
function payloadsOf(file: FileIndex, send: MessageSendFact, call: ts.CallExpression): ts.Expression[] {
  const args = call.arguments;
  const present = (...values: Array<ts.Expression | undefined>) => values.filter((value): value is ts.Expression => value !== undefined);
  const property = (object: ts.Expression | undefined, ...names: string[]) => {
    const literal = objectLiteralOf(file, object);
    return literal ? present(...names.map((name) => propertyValue(file, literal, name))).slice(0, 1) : [];
  };
  switch (send.operation) {
    case 'publish':
      return send.library === '@google-cloud/pubsub' ? present(args[0]) : present(args[2]);
    case 'sendToQueue':
      return present(args[1]);
    case 'producer.send':
    case 'producer.sendBatch': {
      const record = objectLiteralOf(file, args[0]);
      const batches = send.operation === 'producer.send' ? present(args[0]) : (arrayElementsOf(file, record && propertyValue(file, record, 'topicMessages')) ?? []);
      return batches.flatMap((batch) => {
        const object = objectLiteralOf(file, batch);
        const messages = arrayElementsOf(file, object && propertyValue(file, object, 'messages')) ?? [];
        return messages.flatMap((message) => property(message, 'value'));
      });
    }
    case 'queue.add':
      // Bull (v3) also takes `add(data, opts)`; BullMQ and named Bull jobs take `add(name, data, opts)`.
      return send.library === 'bull' && stringLiteralValue(args[0]) === undefined ? present(args[0]) : present(args[1]);
    case 'queue.addBulk':
      return (arrayElementsOf(file, args[0]) ?? []).flatMap((job) => property(job, 'data'));
    case 'emit':
      return present(args[1]);
    case 'topic.publishMessage':
      return property(args[0], 'json', 'data');
    case 'topic.publish':
    case 'topic.publishJSON':
      return present(args[0]);
    case 'SendMessageCommand':
    case 'sendMessage':
      return property(commandInput(file, args[0]), 'MessageBody');
    case 'PublishCommand':
      return property(commandInput(file, args[0]), 'Message');
    case 'SendMessageBatchCommand':
    case 'sendMessageBatch': {
      const input = objectLiteralOf(file, commandInput(file, args[0]));
      return (arrayElementsOf(file, input && propertyValue(file, input, 'Entries')) ?? []).flatMap((entry) => property(entry, 'MessageBody'));
    }
    default:
      return [];
  }
}

/** `new SendMessageCommand({ … })` → its input object; an aggregated client's `sendMessage({ … })` argument as it is. */
function commandInput(file: FileIndex, argument: ts.Expression | undefined): ts.Expression | undefined {
  let node = argument && unwrapExpression(argument);
  if (node && ts.isIdentifier(node)) {
    const declaration = file.lookup(node)?.node;
    node = declaration && ts.isVariableDeclaration(declaration) && declaration.initializer ? unwrapExpression(declaration.initializer) : node;
  }
  return node && ts.isNewExpression(node) ? node.arguments?.[0] : node;
}

/** `Buffer.from(JSON.stringify(x))` → x: the value whose JSON form travels, through local constants holding the string. */
function unserialized(file: FileIndex, payload: ts.Expression): { value: ts.Expression; serialized: boolean } {
  let current = unwrapExpression(payload);
  let serialized = false;
  for (let step = 0; step < SERIALIZE_BUDGET; step++) {
    if (ts.isCallExpression(current) && isGlobalCall(file, current, 'JSON', 'stringify') && current.arguments[0]) {
      current = unwrapExpression(current.arguments[0]);
      serialized = true;
    } else if (ts.isCallExpression(current) && isGlobalCall(file, current, 'Buffer', 'from') && current.arguments[0]) {
      current = unwrapExpression(current.arguments[0]);
      serialized = true;
    } else if (ts.isIdentifier(current)) {
      const declaration = file.lookup(current)?.node;
      const initializer = declaration && ts.isVariableDeclaration(declaration) && declaration.initializer ? unwrapExpression(declaration.initializer) : undefined;
      // Only a constant holding a serialization is looked through: any other variable is the payload itself.
      if (!initializer || !ts.isCallExpression(initializer) || !(isGlobalCall(file, initializer, 'JSON', 'stringify') || isGlobalCall(file, initializer, 'Buffer', 'from'))) break;
      current = initializer;
    } else break;
  }
  return { value: current, serialized };
}

/** `JSON.stringify(…)`, `Buffer.from(…)`: the global (or, for Buffer, node's `buffer` module export). */
function isGlobalCall(file: FileIndex, call: ts.CallExpression, object: string, method: string): boolean {
  const callee = unwrapExpression(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== method || !ts.isIdentifier(callee.expression) || callee.expression.text !== object) return false;
  if (file.isGlobal(callee.expression)) return true;
  const origin = originOf(file, callee.expression);
  return object === 'Buffer' && origin?.module === 'buffer' && origin.path[0] === 'Buffer';
}
