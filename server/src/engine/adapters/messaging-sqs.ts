// Amazon SQS through the AWS SDK v3 (`client.send(new XCommand(input))` and the aggregated `new SQS().x(input)`) and
// sqs-consumer. SQS redelivers every message that is not deleted once its visibility timeout expires; only the queue's
// RedrivePolicy (`maxReceiveCount`, `deadLetterTargetArn`) ever stops that and keeps the message.
import ts from 'typescript';
import type { ExtractedFacts, FactsAdapter } from '../facts/adapter.js';
import { objectLiteralOf, propertyValue } from '../facts/config-objects.js';
import type { FileIndex } from '../facts/file-index.js';
import type { ConsumerFact, QueueDeclarationFact } from '../facts/messaging-types.js';
import { originOf, pathEquals } from '../facts/origins.js';
import { calledMethod, stringLiteralValue, unwrapExpression } from '../facts/syntax.js';
import { booleanValue, closureMemberOf, closureOf, errorPathOf, handlerOption, inClosure, readsAnyName } from './messaging-handlers.js';

const SQS = '@aws-sdk/client-sqs';
const BROKER = 'sqs';
const DELIVERY_COUNTS = ['ApproximateReceiveCount'];
/** What a command or aggregated-client method does, by its name. */
type Operation = 'create' | 'receive' | 'delete';
const COMMANDS: Readonly<Record<string, Operation>> = {
  CreateQueueCommand: 'create',
  ReceiveMessageCommand: 'receive',
  DeleteMessageCommand: 'delete',
  DeleteMessageBatchCommand: 'delete',
};
const CLIENT_METHODS: Readonly<Record<string, Operation>> = { createQueue: 'create', receiveMessage: 'receive', deleteMessage: 'delete', deleteMessageBatch: 'delete' };

interface SqsOperation {
  operation: Operation;
  /** The node that performs it: the `send(...)` call of a command, or the aggregated client's method call. */
  anchor: ts.CallExpression | ts.NewExpression;
  /** The declaration's anchor: the command construction or the method call. */
  declaration: ts.CallExpression | ts.NewExpression;
  input: ts.Expression | undefined;
}

export const sqsMessagingAdapter: FactsAdapter = {
  name: 'messaging-sqs',
  extract(file, facts) {
    const operations = [...commandOperations(file), ...clientOperations(file)];
    const deletes = operations.filter((o) => o.operation === 'delete');
    for (const op of operations) {
      if (op.operation === 'create') facts.queueDeclarations.push(queueDeclaration(file, op));
      if (op.operation === 'receive') addReceiveLoop(file, facts, op, deletes);
    }
    for (const node of [...file.calls, ...file.constructions]) {
      const callee = originOf(file, node.expression);
      if (callee?.module === 'sqs-consumer' && (pathEquals(callee.path, ['Consumer', 'create']) || (ts.isNewExpression(node) && pathEquals(callee.path, ['Consumer'])))) {
        addSqsConsumer(file, facts, node);
      }
    }
  },
};

function commandOperations(file: FileIndex): SqsOperation[] {
  const found: SqsOperation[] = [];
  for (const construction of file.constructions) {
    const callee = originOf(file, construction.expression);
    const operation = callee?.module === SQS && callee.path.length === 1 ? COMMANDS[callee.path[0]!] : undefined;
    if (!operation) continue;
    found.push({ operation, anchor: sendCallOf(file, construction) ?? construction, declaration: construction, input: construction.arguments?.[0] });
  }
  return found;
}

function clientOperations(file: FileIndex): SqsOperation[] {
  const found: SqsOperation[] = [];
  for (const call of file.calls) {
    const method = calledMethod(call);
    const operation = method && CLIENT_METHODS[method.name];
    if (!operation) continue;
    const receiver = originOf(file, method.receiver);
    if (receiver?.module !== SQS || !pathEquals(receiver.path, ['SQS', 'new'])) continue;
    found.push({ operation, anchor: call, declaration: call, input: call.arguments[0] });
  }
  return found;
}

/** `client.send(new XCommand(…))`, also through a local variable holding the command. */
function sendCallOf(file: FileIndex, construction: ts.NewExpression): ts.CallExpression | undefined {
  let value: ts.Node = construction;
  for (let parent = file.parentOf(value); parent && (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent)); parent = file.parentOf(parent)) value = parent;
  const holder = file.parentOf(value);
  if (holder && ts.isCallExpression(holder) && holder.arguments[0] === value && calledMethod(holder)?.name === 'send') return holder;
  if (holder && ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name)) {
    const name = holder.name.text;
    return file.calls.find((call) => {
      const argument = call.arguments[0] && unwrapExpression(call.arguments[0]);
      return calledMethod(call)?.name === 'send' && argument !== undefined && ts.isIdentifier(argument) && argument.text === name && file.lookup(argument)?.node === holder;
    });
  }
  return undefined;
}

function queueDeclaration(file: FileIndex, op: SqsOperation): QueueDeclarationFact {
  const input = objectLiteralOf(file, op.input);
  const name = input && propertyValue(file, input, 'QueueName');
  const attributesValue = input && propertyValue(file, input, 'Attributes');
  const attributes = objectLiteralOf(file, attributesValue);
  const policy = attributes && propertyValue(file, attributes, 'RedrivePolicy');
  const unreadable = !input || (attributesValue !== undefined && !attributes);
  const fact: QueueDeclarationFact = {
    ...file.span(op.declaration),
    library: SQS,
    broker: BROKER,
    kind: 'queue',
    temporary: false,
    judgedWhenConsumed: false,
    deadLetter: { state: unreadable ? 'unknown' : 'absent', option: 'RedrivePolicy' },
    deliveryLimit: { state: unreadable ? 'unknown' : 'absent' },
    reportAt: file.span(op.declaration),
  };
  if (name) fact.name = file.span(name);
  if (policy) Object.assign(fact, redrivePolicy(file, policy));
  fact.deadLetter!.option = 'RedrivePolicy';
  // The fix writes a placeholder ARN: an account and region are not in the code, and a wrong ARN fails loudly at CreateQueue.
  const redrive = "RedrivePolicy: JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:REGION:ACCOUNT_ID:{dlq}', maxReceiveCount: 5 })";
  const inlineInput = op.input && ts.isObjectLiteralExpression(unwrapExpression(op.input)) ? unwrapExpression(op.input) : undefined;
  if (attributesValue && attributes && ts.isObjectLiteralExpression(unwrapExpression(attributesValue))) {
    fact.deadLetterSlot = { object: file.span(attributes), property: redrive, suffix: '-dlq' };
  } else if (!attributesValue && inlineInput) {
    fact.deadLetterSlot = { object: file.span(inlineInput), property: `Attributes: { ${redrive} }`, suffix: '-dlq' };
  }
  return fact;
}

/** RedrivePolicy is a JSON string: `JSON.stringify({ deadLetterTargetArn, maxReceiveCount })`, or written out as a literal. */
function redrivePolicy(file: FileIndex, policy: ts.Expression): Pick<QueueDeclarationFact, 'deadLetter' | 'deliveryLimit'> {
  const node = unwrapExpression(policy);
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'stringify') {
    const object = objectLiteralOf(file, node.arguments[0]);
    if (object) {
      const target = propertyValue(file, object, 'deadLetterTargetArn');
      const count = propertyValue(file, object, 'maxReceiveCount');
      return {
        deadLetter: target ? { state: 'set', target: file.span(target) } : { state: 'absent' },
        deliveryLimit: count ? { state: 'set', option: 'maxReceiveCount', value: file.span(count) } : { state: 'absent' },
      };
    }
  }
  const text = stringLiteralValue(node);
  if (text !== undefined) {
    const parsed = parseJsonObject(text);
    if (parsed) {
      return {
        deadLetter: { state: parsed.deadLetterTargetArn ? 'set' : 'absent' },
        deliveryLimit: parsed.maxReceiveCount !== undefined ? { state: 'set', option: 'maxReceiveCount', value: file.span(node) } : { state: 'absent' },
      };
    }
  }
  return { deadLetter: { state: 'unknown' }, deliveryLimit: { state: 'unknown' } };
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A receive loop: the loop around the receive call (else its function). A message the loop does not delete when handling
 * fails stays on the queue and comes back; one it deletes in a catch or finally block is gone.
 */
function addReceiveLoop(file: FileIndex, facts: ExtractedFacts, receive: SqsOperation, deletes: readonly SqsOperation[]): void {
  const input = objectLiteralOf(file, receive.input);
  const queueUrl = input && propertyValue(file, input, 'QueueUrl');
  const loop = file.ancestor(receive.anchor, (n): n is ts.IterationStatement => ts.isIterationStatement(n, false)) ?? file.ancestor(receive.anchor, (n): n is ts.FunctionLikeDeclaration => ts.isFunctionLike(n));
  const closure = loop ? closureOf(file, loop) : [];
  const fact: ConsumerFact = {
    ...file.span(receive.anchor),
    library: SQS,
    broker: BROKER,
    sourceKind: 'queue',
    sources: queueUrl ? [file.span(queueUrl)] : [],
    ack: 'manual',
    requeues: [],
    deliveryCountChecked: readsAnyName(closure, DELIVERY_COUNTS),
    failures: [],
    drops: [],
    undeclaredLimit: 'unknown',
    limitSetting: "a `RedrivePolicy` with `maxReceiveCount` on the queue",
  };
  if (loop) fact.handler = file.span(loop);
  for (const deletion of deletes) {
    if (!inClosure(deletion.anchor, closure)) continue;
    const errorPath = errorPathOf(file, deletion.anchor, closureMemberOf(deletion.anchor, closure)!);
    if (errorPath) fact.drops.push({ at: file.span(deletion.anchor), errorPath: file.span(errorPath) });
  }
  if (fact.drops.length === 0) {
    fact.failures.push(file.span(receive.anchor));
    fact.failureRedelivery = 'until-dead-lettered';
  }
  facts.consumers.push(fact);
}

/** sqs-consumer: a message whose handler throws (or returns nothing) is not deleted, so SQS delivers it again. */
function addSqsConsumer(file: FileIndex, facts: ExtractedFacts, node: ts.CallExpression | ts.NewExpression): void {
  const options = objectLiteralOf(file, node.arguments?.[0]);
  const queueUrl = options && propertyValue(file, options, 'queueUrl');
  const handler = options && (handlerOption(file, options, 'handleMessageBatch') ?? handlerOption(file, options, 'handleMessage'));
  const alwaysDeletes = options !== undefined && booleanValue(file, propertyValue(file, options, 'alwaysAcknowledge')) === true;
  const fact: ConsumerFact = {
    ...file.span(node),
    library: 'sqs-consumer',
    broker: BROKER,
    sourceKind: 'queue',
    sources: queueUrl ? [file.span(queueUrl)] : [],
    ack: 'library',
    requeues: [],
    deliveryCountChecked: handler ? readsAnyName(closureOf(file, handler), DELIVERY_COUNTS) : false,
    failures: alwaysDeletes ? [] : [file.span(node)],
    drops: [],
    undeclaredLimit: 'unknown',
    limitSetting: "a `RedrivePolicy` with `maxReceiveCount` on the queue",
  };
  if (!alwaysDeletes) fact.failureRedelivery = 'until-dead-lettered';
  if (handler) fact.handler = file.span(handler);
  facts.consumers.push(fact);
}
