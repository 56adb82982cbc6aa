import { describe, expect, it } from 'vitest';
import { factsOf, slice } from '../facts/testing.js';

/** [library, span text, body text] — texts squeezed to one line. */
function transactions(text: string): Array<[string, string, string]> {
  const squeeze = (s: string) => s.replace(/\s+/g, ' ').trim();
  return factsOf(text).transactions.map((fact) => [fact.library, squeeze(slice(text, fact)), squeeze(slice(text, fact.body))]);
}

describe('callback transactions', () => {
  it('finds Prisma $transaction on a client from @prisma/client or a generated/wrapped module, not the array form', () => {
    const text = [
      "import { PrismaClient } from '@prisma/client';",
      "import { prisma as shared } from '../lib/prisma';",
      'const prisma = new PrismaClient();',
      'await prisma.$transaction(async (tx) => { await tx.order.create({ data }); });',
      'await shared.$transaction(async (tx) => tx.user.findMany());',
      'await prisma.$transaction([prisma.a.findMany(), prisma.b.findMany()]);',
    ].join('\n');
    expect(transactions(text)).toEqual([
      ['prisma', 'prisma.$transaction(async (tx) => { await tx.order.create({ data }); })', '{ await tx.order.create({ data }); }'],
      ['prisma', 'shared.$transaction(async (tx) => tx.user.findMany())', 'tx.user.findMany()'],
    ]);
  });

  it('finds a NestJS PrismaService from a prisma module', () => {
    const text = [
      "import { PrismaService } from '../prisma/prisma.service';",
      'export class Orders {',
      '  constructor(private readonly prisma: PrismaService) {}',
      '  place() { return this.prisma.$transaction(async (tx) => { await tx.order.create({}); }); }',
      '}',
    ].join('\n');
    expect(transactions(text).map(([library]) => library)).toEqual(['prisma']);
  });

  it('finds TypeORM dataSource.transaction, manager.transaction with an isolation level, and injected DataSource/EntityManager', () => {
    const text = [
      "import { DataSource, EntityManager } from 'typeorm';",
      "import { InjectRepository } from '@nestjs/typeorm';",
      "import type { Repository } from 'typeorm';",
      'const dataSource = new DataSource({ type: "postgres" });',
      'await dataSource.transaction(async (manager) => { await manager.save(order); });',
      "await dataSource.manager.transaction('SERIALIZABLE', async (m) => { await m.save(order); });",
      'class Svc {',
      '  constructor(private readonly em: EntityManager, @InjectRepository(Order) private readonly repo: Repository<Order>) {}',
      '  a() { return this.em.transaction(async (m) => m.save(x)); }',
      '  b() { return this.repo.manager.transaction(async (m) => m.save(y)); }',
      '}',
    ].join('\n');
    expect(transactions(text).map(([library, , body]) => [library, body])).toEqual([
      ['typeorm', '{ await manager.save(order); }'],
      ['typeorm', '{ await m.save(order); }'],
      ['typeorm', 'm.save(x)'],
      ['typeorm', 'm.save(y)'],
    ]);
  });

  it('recognises an imported data source by the library type of the callback parameter', () => {
    const text = [
      "import type { EntityManager } from 'typeorm';",
      "import { AppDataSource } from './data-source';",
      'await AppDataSource.transaction(async (manager: EntityManager) => { await manager.save(x); });',
      'await AppDataSource.transaction(async (manager) => { await manager.save(x); });',
    ].join('\n');
    expect(transactions(text).map(([library]) => library)).toEqual(['typeorm']);
  });

  it('finds Sequelize, knex, drizzle and mongoose transactions', () => {
    const text = [
      "import { Sequelize } from 'sequelize';",
      "import Knex from 'knex';",
      "import { drizzle } from 'drizzle-orm/node-postgres';",
      "import mongoose from 'mongoose';",
      'const sequelize = new Sequelize(url);',
      'const knex = Knex({ client: "pg" });',
      'const db = drizzle(pool);',
      'await sequelize.transaction(async (t) => { await User.create({}, { transaction: t }); });',
      'await knex.transaction(async (trx) => { await trx("orders").insert({}); });',
      'await db.transaction(async (tx) => { await tx.insert(orders).values({}); });',
      'const session = await mongoose.startSession();',
      'await session.withTransaction(async () => { await Order.create([{}], { session }); });',
      'await mongoose.connection.transaction(async (s) => { await Order.create([{}], { session: s }); });',
    ].join('\n');
    expect(transactions(text).map(([library]) => library)).toEqual(['sequelize', 'knex', 'drizzle', 'mongoose', 'mongoose']);
  });

  it('does not take transaction() of an unknown receiver', () => {
    const text = "import { db } from './db';\nawait db.transaction(async (tx) => { await tx.run(); });\nconst wallet = { transaction: (f: () => void) => f() };\nwallet.transaction(() => {});";
    expect(transactions(text)).toEqual([]);
  });
});

describe('started transactions', () => {
  it('takes a TypeORM query runner from startTransaction to commitTransaction', () => {
    const text = [
      "import { DataSource } from 'typeorm';",
      'export async function move(dataSource: DataSource) {',
      '  const queryRunner = dataSource.createQueryRunner();',
      '  await queryRunner.connect();',
      '  await queryRunner.startTransaction();',
      '  try {',
      '    await queryRunner.manager.save(a);',
      '    await queryRunner.commitTransaction();',
      '  } catch (err) {',
      '    await queryRunner.rollbackTransaction();',
      '  } finally {',
      '    await queryRunner.release();',
      '  }',
      '}',
    ].join('\n');
    expect(transactions(text)).toEqual([['typeorm', 'await queryRunner.startTransaction();', 'try { await queryRunner.manager.save(a);']]);
  });

  it('takes a mongoose session from startTransaction to commitTransaction, and to the end of the function without a commit', () => {
    const text = [
      "import mongoose from 'mongoose';",
      'async function a() {',
      '  const session = await mongoose.startSession();',
      '  session.startTransaction();',
      '  await Order.create([{}], { session });',
      '  await session.commitTransaction();',
      '  await notify();',
      '}',
      'async function b() {',
      '  const session = await mongoose.startSession();',
      '  session.startTransaction();',
      '  await Order.create([{}], { session });',
      '  return finish(session);',
      '}',
    ].join('\n');
    expect(transactions(text)).toEqual([
      ['mongoose', 'session.startTransaction();', 'await Order.create([{}], { session });'],
      ['mongoose', 'session.startTransaction();', 'await Order.create([{}], { session }); return finish(session);'],
    ]);
  });

  it('takes unmanaged Sequelize and knex transactions up to commit', () => {
    const text = [
      "import { Sequelize } from 'sequelize';",
      "import { knex } from 'knex';",
      'const sequelize = new Sequelize(url);',
      'const db = knex({ client: "pg" });',
      'async function a() {',
      '  const t = await sequelize.transaction();',
      '  await User.create({}, { transaction: t });',
      '  await t.commit();',
      '}',
      'async function b() {',
      '  const trx = await db.transaction();',
      '  await trx("orders").insert({});',
      '  await trx.commit();',
      '}',
    ].join('\n');
    expect(transactions(text)).toEqual([
      ['sequelize', 'const t = await sequelize.transaction();', 'await User.create({}, { transaction: t });'],
      ['knex', 'const trx = await db.transaction();', 'await trx("orders").insert({});'],
    ]);
  });
});
