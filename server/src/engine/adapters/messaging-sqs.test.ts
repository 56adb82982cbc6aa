import { describe, expect, it } from 'vitest';
import { consumersOf, declarationsOf } from './messaging-testing.js';

const lines = (...text: string[]): string => text.join('\n');

describe('SQS queue declarations', () => {
  it('reads RedrivePolicy written with JSON.stringify or as a JSON literal, and where a fix adds one', () => {
    const text = lines(
      "import { SQSClient, CreateQueueCommand, SQS } from '@aws-sdk/client-sqs';",
      "const client = new SQSClient({ region: 'eu-west-1' });",
      "await client.send(new CreateQueueCommand({ QueueName: 'orders' }));",
      "await client.send(new CreateQueueCommand({ QueueName: 'payments', Attributes: { VisibilityTimeout: '30' } }));",
      "await client.send(new CreateQueueCommand({ QueueName: 'refunds', Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: REFUNDS_DLQ_ARN, maxReceiveCount: 5 }) } }));",
      'await new SQS({}).createQueue({ QueueName: \'audit\', Attributes: { RedrivePolicy: \'{"deadLetterTargetArn":"arn:aws:sqs:eu-west-1:1:audit-dlq","maxReceiveCount":"3"}\' } });',
      'declare const REFUNDS_DLQ_ARN: string;',
    );
    const redrive = "RedrivePolicy: JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:REGION:ACCOUNT_ID:{dlq}', maxReceiveCount: 5 })";
    expect(declarationsOf(text)).toEqual([
      { library: '@aws-sdk/client-sqs', at: "new CreateQueueCommand({ QueueName: 'orders' })", name: "'orders'", deadLetter: 'absent', limit: 'absent', slot: `Attributes: { ${redrive} } in { QueueName: 'orders' }` },
      { library: '@aws-sdk/client-sqs', at: expect.stringContaining("'payments'") as string, name: "'payments'", deadLetter: 'absent', limit: 'absent', slot: `${redrive} in { VisibilityTimeout: '30' }` },
      { library: '@aws-sdk/client-sqs', at: expect.stringContaining("'refunds'") as string, name: "'refunds'", deadLetter: 'set REFUNDS_DLQ_ARN', limit: 'set maxReceiveCount=5', slot: expect.any(String) as string },
      { library: '@aws-sdk/client-sqs', at: expect.stringContaining("'audit'") as string, name: "'audit'", deadLetter: 'set', limit: expect.stringContaining('set maxReceiveCount') as string, slot: expect.any(String) as string },
    ]);
  });
});

describe('SQS consumers', () => {
  it('finds a receive loop that leaves failed messages on the queue', () => {
    const text = lines(
      "import { SQSClient, ReceiveMessageCommand, DeleteMessageCommand } from '@aws-sdk/client-sqs';",
      'const sqs = new SQSClient({});',
      'const QueueUrl = process.env.ORDERS_QUEUE_URL!;',
      'export async function poll() {',
      '  while (true) {',
      '    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }));',
      '    for (const message of Messages) {',
      '      try {',
      '        await handle(message.Body);',
      '        await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: message.ReceiptHandle }));',
      '      } catch (err) {',
      '        console.error(err);',
      '      }',
      '    }',
      '  }',
      '}',
      'declare function handle(body: string | undefined): Promise<void>;',
    );
    expect(consumersOf(text)).toEqual([
      { library: '@aws-sdk/client-sqs', at: 'sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }))', sources: ['QueueUrl'], ack: 'manual', failures: ['sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }))'], redelivery: 'until-dead-lettered' },
    ]);
  });

  it('records a delete in a finally block as a drop, and an ApproximateReceiveCount check', () => {
    const text = lines(
      "import { SQSClient, ReceiveMessageCommand, DeleteMessageCommand } from '@aws-sdk/client-sqs';",
      'const sqs = new SQSClient({});',
      'export async function poll(QueueUrl: string) {',
      "  const receive = new ReceiveMessageCommand({ QueueUrl, MessageSystemAttributeNames: ['ApproximateReceiveCount'] });",
      '  for (;;) {',
      '    const { Messages = [] } = await sqs.send(receive);',
      '    for (const message of Messages) {',
      "      if (Number(message.Attributes?.ApproximateReceiveCount ?? '1') > 5) continue;",
      '      try { await handle(message.Body); }',
      '      finally { await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: message.ReceiptHandle })); }',
      '    }',
      '  }',
      '}',
      'declare function handle(body: string | undefined): Promise<void>;',
    );
    expect(consumersOf(text)).toEqual([
      {
        library: '@aws-sdk/client-sqs',
        at: 'sqs.send(receive)',
        sources: ['QueueUrl'],
        ack: 'manual',
        counted: true,
        drops: ['sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: message.ReceiptHandle }))'],
      },
    ]);
  });

  it('finds sqs-consumer consumers, and takes alwaysAcknowledge as deleting every message', () => {
    const text = lines(
      "import { Consumer } from 'sqs-consumer';",
      "const a = Consumer.create({ queueUrl: process.env.A_URL!, handleMessage: async (message) => { await handle(message.Body); return message; } });",
      "const b = new Consumer({ queueUrl: 'https://sqs.eu-west-1.amazonaws.com/1/b', alwaysAcknowledge: true, async handleMessage(message) { await handle(message.Body); return message; } });",
      'declare function handle(body: string | undefined): Promise<void>;',
      'export { a, b };',
    );
    expect(consumersOf(text).map((c) => [c.library, c.sources, c.failures?.length ?? 0])).toEqual([
      ['sqs-consumer', ['process.env.A_URL!'], 1],
      ['sqs-consumer', ["'https://sqs.eu-west-1.amazonaws.com/1/b'"], 0],
    ]);
  });

  it('ignores commands and consumers from other modules', () => {
    const text = lines(
      "import { ReceiveMessageCommand } from './local-commands';",
      'declare const client: { send(c: unknown): Promise<unknown> };',
      "await client.send(new ReceiveMessageCommand({ QueueUrl: 'x' }));",
    );
    expect(consumersOf(text)).toEqual([]);
  });
});
