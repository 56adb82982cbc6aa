import rule from './remote-call-in-transaction.js';
import { docExamples } from './testing/doc-examples.js';
import { ruleTester, type Files } from './testing/rule-tester.js';

const FILE = 'services/payments/src/refunds.ts';

const payments = (lines: string[], extra: Files = {}): Files => ({
  'services/payments/package.json': JSON.stringify({ name: '@shop/payments' }),
  [FILE]: lines.join('\n'),
  ...extra,
});

ruleTester(rule, {
  valid: [
    {
      name: 'the remote call and the publish come after the commit',
      files: payments([
        "import type { DataSource } from 'typeorm';",
        "import type { Channel } from 'amqplib';",
        'export async function refund(dataSource: DataSource, channel: Channel, payment: { id: string; status: string }) {',
        '  await dataSource.transaction(async (manager) => {',
        "    payment.status = 'refunded';",
        '    await manager.save(payment);',
        '  });',
        "  await fetch('https://api.stripe.com/v1/refunds', { method: 'POST', body: payment.id });",
        "  channel.publish('payments', 'payment.refunded', Buffer.from(payment.id));",
        '}',
      ]),
    },
    {
      name: 'a query runner: calls after commitTransaction and in the rollback path',
      files: payments([
        "import type { DataSource } from 'typeorm';",
        'export async function move(dataSource: DataSource) {',
        '  const queryRunner = dataSource.createQueryRunner();',
        '  await queryRunner.startTransaction();',
        '  try {',
        "    await queryRunner.manager.query('update accounts set balance = balance - 1');",
        '    await queryRunner.commitTransaction();',
        "    await fetch('http://ledger:3000/entries', { method: 'POST' });",
        '  } catch (err) {',
        '    await queryRunner.rollbackTransaction();',
        '  }',
        '}',
      ]),
    },
    {
      name: 'a transaction() of something that is not a database client',
      files: payments([
        "import { wallet } from './wallet';",
        'export async function pay() {',
        "  await wallet.transaction(async () => { await fetch('http://ledger:3000/entries'); });",
        '}',
      ]),
    },
  ],
  invalid: [
    {
      name: 'an HTTP call inside a TypeORM transaction callback',
      files: payments([
        "import type { DataSource } from 'typeorm';",
        'export async function refund(dataSource: DataSource, payment: { id: string; status: string }) {',
        '  return dataSource.transaction(async (manager) => {',
        "    payment.status = 'refunded';",
        '    await manager.save(payment);',
        "    await fetch('https://api.stripe.com/v1/refunds', { method: 'POST', body: payment.id });",
        '    return payment;',
        '  });',
        '}',
      ]),
      errors: [{ file: FILE, line: 6, column: 11, message: 'is called inside a typeorm transaction (line 3): the transaction holds its locks' }],
    },
    {
      name: 'message sends inside Prisma and Sequelize transactions, awaited or not',
      files: payments([
        "import { PrismaClient } from '@prisma/client';",
        "import { Sequelize } from 'sequelize';",
        "import { Kafka } from 'kafkajs';",
        "import type { Channel } from 'amqplib';",
        'const prisma = new PrismaClient();',
        'const sequelize = new Sequelize(process.env.DATABASE_URL!);',
        "const producer = new Kafka({ clientId: 'payments', brokers: [process.env.KAFKA!] }).producer();",
        'export async function a(channel: Channel) {',
        '  await prisma.$transaction(async (tx) => {',
        '    await tx.payment.create({ data: {} });',
        "    channel.publish('payments', 'payment.created', Buffer.from('{}'));",
        '  });',
        '  await sequelize.transaction(async (t) => {',
        "    await producer.send({ topic: 'payments', messages: [{ value: '{}' }] });",
        '  });',
        '}',
      ]),
      errors: [
        { file: FILE, line: 11, column: 5, message: "`publish` to `'payments'` is sent inside a prisma transaction (line 9)" },
        { file: FILE, line: 14, column: 11, message: "`producer.send` to `'payments'` is sent inside a sequelize transaction (line 13): if the transaction rolls back" },
      ],
    },
    {
      name: 'between startTransaction and commitTransaction of a mongoose session',
      files: payments([
        "import mongoose from 'mongoose';",
        "import axios from 'axios';",
        'export async function settle(id: string) {',
        '  const session = await mongoose.startSession();',
        '  session.startTransaction();',
        '  await axios.get(`http://orders:3000/orders/${id}`);',
        '  await session.commitTransaction();',
        '}',
      ]),
      errors: [{ file: FILE, line: 6, column: 9, message: 'inside a mongoose transaction (line 5)' }],
    },
    {
      name: 'a call that leads to a remote call through a helper and a client class',
      files: payments(
        [
          "import type { EntityManager } from 'typeorm';",
          "import { LedgerClient } from './ledger-client';",
          'const ledger = new LedgerClient();',
          'async function notifyOrders(id: string) {',
          "  await fetch(`http://orders:3000/orders/${id}/refunded`, { method: 'POST' });",
          '}',
          'export async function refund(manager: EntityManager, id: string) {',
          '  await manager.transaction(async (tx) => {',
          "    await tx.query('update payments set status = $1 where id = $2', ['refunded', id]);",
          '    await notifyOrders(id);',
          '    await ledger.record(id);',
          '  });',
          '}',
        ],
        {
          'services/payments/src/ledger-client.ts': [
            'export class LedgerClient {',
            '  async record(id: string) {',
            "    await fetch('http://ledger:3000/entries', { method: 'POST', body: id });",
            '  }',
            '}',
          ].join('\n'),
        },
      ),
      errors: [
        { file: FILE, line: 10, column: 11, message: '`notifyOrders(id)` is called inside a typeorm transaction (line 8)' },
        { file: FILE, line: 11, column: 11, message: '`ledger.record(id)` is called inside' },
      ],
    },
  ],
});

docExamples(rule);
