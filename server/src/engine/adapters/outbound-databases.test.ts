import { describe, expect, it } from 'vitest';
import { factsOf, slice } from '../facts/testing.js';

/** [library, sink span text (first 30 chars), value text, port text] — sink is always 'database' here. */
function databases(text: string): Array<[string, string, string | undefined]> {
  const found = factsOf(text).endpointSinks;
  expect(found.every((fact) => fact.sink === 'database')).toBe(true);
  return found.map((fact) => [fact.library, slice(text, fact.value), fact.port && slice(text, fact.port)]);
}

describe('database connections', () => {
  it('finds TypeORM DataSource url or host/port, also through a local options constant', () => {
    const text = [
      "import { DataSource, type DataSourceOptions } from 'typeorm';",
      "export const dataSource = new DataSource({ type: 'postgres', url: 'postgres://app:secret@orders-db:5432/orders' });",
      "const options: DataSourceOptions = { type: 'postgres', host: 'localhost', port: 5432, database: 'shop' };",
      'export default new DataSource(options);',
      "new DataSource({ type: 'sqlite', database: 'local.sqlite' });",
    ].join('\n');
    expect(databases(text)).toEqual([
      ['typeorm', "'postgres://app:secret@orders-db:5432/orders'", undefined],
      ['typeorm', "'localhost'", '5432'],
    ]);
    expect(slice(text, factsOf(text).endpointSinks[1]!)).toBe('new DataSource(options)');
  });

  it('finds TypeOrmModule.forRoot and forRootAsync factories', () => {
    const text = [
      "import { TypeOrmModule } from '@nestjs/typeorm';",
      "TypeOrmModule.forRoot({ type: 'postgres', host: 'db', port: 5432 });",
      "TypeOrmModule.forRootAsync({ useFactory: (config: ConfigService) => ({ type: 'postgres', url: config.get('DATABASE_URL') }) });",
    ].join('\n');
    expect(databases(text)).toEqual([
      ['typeorm', "'db'", '5432'],
      ['typeorm', "config.get('DATABASE_URL')", undefined],
    ]);
  });

  it('finds mongoose.connect, createConnection and MongooseModule.forRoot', () => {
    const text = [
      "import mongoose from 'mongoose';",
      "import { MongooseModule } from '@nestjs/mongoose';",
      "await mongoose.connect('mongodb://mongo:27017/orders');",
      'const conn = mongoose.createConnection(process.env.MONGO_URL!);',
      "MongooseModule.forRoot('mongodb://localhost/nest');",
    ].join('\n');
    expect(databases(text)).toEqual([
      ['mongoose', "'mongodb://mongo:27017/orders'", undefined],
      ['mongoose', 'process.env.MONGO_URL!', undefined],
      ['mongoose', "'mongodb://localhost/nest'", undefined],
    ]);
  });

  it('finds Prisma datasource URLs, pg pools and clients, knex and Sequelize', () => {
    const text = [
      "import { PrismaClient } from '@prisma/client';",
      "import pg, { Client } from 'pg';",
      "import knex from 'knex';",
      "import { Sequelize } from 'sequelize';",
      "new PrismaClient({ datasources: { db: { url: 'postgresql://localhost:5432/app' } } });",
      'new PrismaClient({ datasourceUrl: process.env.DATABASE_URL });',
      'new PrismaClient();',
      "const pool = new pg.Pool({ connectionString: 'postgres://inventory-db:5432/inventory' });",
      "const client = new Client({ host: 'db.internal', port: 5433 });",
      "const db = knex({ client: 'pg', connection: { host: '127.0.0.1', port: 5432, user: 'app' } });",
      "new Sequelize('postgres://user:pass@billing-db:5432/billing');",
      "new Sequelize('shop', 'user', 'pass', { host: 'mysql', port: 3306, dialect: 'mysql' });",
    ].join('\n');
    expect(databases(text)).toEqual([
      ['prisma', "'postgresql://localhost:5432/app'", undefined],
      ['prisma', 'process.env.DATABASE_URL', undefined],
      ['pg', "'postgres://inventory-db:5432/inventory'", undefined],
      ['pg', "'db.internal'", '5433'],
      ['knex', "'127.0.0.1'", '5432'],
      ['sequelize', "'postgres://user:pass@billing-db:5432/billing'", undefined],
      ['sequelize', "'mysql'", '3306'],
    ]);
  });

  it('finds drizzle connection strings but not a client built elsewhere', () => {
    const text = [
      "import { drizzle } from 'drizzle-orm/node-postgres';",
      "import { Pool } from 'pg';",
      'const byUrl = drizzle(process.env.DATABASE_URL!);',
      "const byOptions = drizzle({ connection: { connectionString: 'postgres://localhost:5432/db' } });",
      "const pool = new Pool({ connectionString: 'postgres://pool-host:5432/db' });",
      'const byPool = drizzle(pool);',
      'const byClient = drizzle({ client: pool });',
    ].join('\n');
    expect(databases(text)).toEqual([
      ['drizzle', 'process.env.DATABASE_URL!', undefined],
      ['drizzle', "'postgres://localhost:5432/db'", undefined],
      ['pg', "'postgres://pool-host:5432/db'", undefined],
    ]);
  });

  it('does not take look-alikes that are not imported from the database library', () => {
    const text = [
      "import { Pool } from './my-pool';",
      "new Pool({ host: 'db', port: 5432 });",
      'class DataSource { constructor(o: object) {} }',
      "new DataSource({ url: 'postgres://x:5432/y' });",
      "const mongoose = { connect: (u: string) => u };",
      "mongoose.connect('mongodb://mongo:27017');",
    ].join('\n');
    expect(databases(text)).toEqual([]);
  });
});
