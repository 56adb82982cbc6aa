import rule from './shared-database.js';
import { ruleTester, type Files } from './testing/rule-tester.js';

const pkg = (name: string) => JSON.stringify({ name, version: '1.0.0' });

/** Services orders, payments and reporting (express apps), optional compose environments, plus the given files. */
function system(files: Files, environment: Record<string, Record<string, string>> = {}): Files {
  const all: Files = { 'package.json': JSON.stringify({ name: 'shop', private: true, workspaces: ['services/*', 'packages/*'] }) };
  for (const service of ['orders', 'payments', 'reporting']) {
    all[`services/${service}/package.json`] = pkg(`@shop/${service}`);
    all[`services/${service}/src/main.ts`] = "import express from 'express';\nexpress().listen(3000);\n";
  }
  const compose = Object.entries(environment).map(([service, variables]) => {
    const env = Object.entries(variables).map(([name, value]) => `      ${name}: ${value}`).join('\n');
    return `  ${service}:\n    build: ./services/${service}\n    environment:\n${env}\n`;
  });
  if (compose.length > 0) all['docker-compose.yml'] = `services:\n${compose.join('')}`;
  return { ...all, ...files };
}

const dataSource = (entities = '[]') =>
  `import { DataSource } from 'typeorm';\n\nexport const dataSource = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL, entities: ${entities} });\n`;

const entity = (className: string, table: string) =>
  `import { Entity, PrimaryGeneratedColumn } from 'typeorm';\n\n@Entity('${table}')\nexport class ${className} {\n  @PrimaryGeneratedColumn('uuid') id!: string;\n}\n`;

const sharedEnvironment = {
  orders: { DATABASE_URL: 'postgres://orders:secret@postgres:5432/shop' },
  payments: { DATABASE_URL: 'postgres://payments:other@Postgres/shop?sslmode=disable' },
};

const dbLibrary: Files = {
  'packages/db/package.json': pkg('@shop/db'),
  'packages/db/src/index.ts': "import { PrismaClient } from '@prisma/client';\n\nexport const prisma = new PrismaClient();\n",
};

ruleTester(rule, {
  valid: [
    {
      name: 'two services on the same server with their own databases (compose environment)',
      files: system(
        { 'services/orders/src/db.ts': dataSource(), 'services/payments/src/db.ts': dataSource() },
        { orders: { DATABASE_URL: 'postgres://shop@postgres:5432/orders' }, payments: { DATABASE_URL: 'postgres://shop@postgres:5432/payments' } },
      ),
    },
    {
      name: 'one service with two connections to its own database',
      files: system({ 'services/orders/src/db.ts': dataSource(), 'services/orders/src/reports.ts': dataSource() }, { orders: sharedEnvironment.orders }),
    },
    {
      name: 'the same table name in two services whose databases are known to be different',
      files: system(
        {
          'services/orders/src/db.ts': dataSource(),
          'services/orders/src/audit.entity.ts': entity('AuditEntry', 'audit_log'),
          'services/payments/src/db.ts': dataSource(),
          'services/payments/src/audit.entity.ts': entity('AuditEntry', 'audit_log'),
        },
        { orders: { DATABASE_URL: 'postgres://db:5432/orders' }, payments: { DATABASE_URL: 'postgres://db:5432/payments' } },
      ),
    },
    {
      name: 'only an env default says the databases are the same: defaults describe local runs, not deployments',
      files: system({
        'services/orders/src/db.ts': "import pg from 'pg';\nexport const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL ?? 'postgres://localhost:5432/dev' });\n",
        'services/payments/src/db.ts': "import pg from 'pg';\nexport const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL ?? 'postgres://localhost:5432/dev' });\n",
      }),
    },
    {
      name: 'a persistence library imported for its types only',
      files: system({
        ...dbLibrary,
        'services/orders/src/a.ts': "import type { prisma } from '@shop/db';\nexport type P = typeof prisma;\n",
        'services/payments/src/a.ts': "import type { prisma } from '@shop/db';\nexport type P = typeof prisma;\n",
      }),
    },
    {
      name: 'a read model shared on purpose (allow)',
      options: { allow: ['order_view*'] },
      files: system({
        'services/orders/src/view.entity.ts': entity('OrderView', 'order_view'),
        'services/reporting/src/view.entity.ts': entity('OrderView', 'order_view'),
      }),
    },
  ],
  invalid: [
    {
      name: '(a) two services whose DATABASE_URL resolves to the same database (user, password, port default and options do not matter)',
      files: system({ 'services/orders/src/db.ts': dataSource(), 'services/payments/src/db.ts': dataSource() }, sharedEnvironment),
      errors: [
        { file: 'services/orders/src/db.ts', line: 3, column: 27, message: '`orders` and `payments` connect to the same database `postgres:5432/shop` (DATABASE_URL, set in docker-compose.yml)', related: ['services/payments/src/db.ts:3'] },
        { file: 'services/payments/src/db.ts', line: 3, column: 27, related: ['services/orders/src/db.ts:3'] },
      ],
    },
    {
      name: '(a) split host/port/database settings and a URL constant, with the tables both map in the message',
      files: system({
        'services/orders/src/db.ts': "import pg from 'pg';\nimport { Order } from './order.entity';\nconst DB_HOST = 'db.internal';\nexport const pool = new pg.Pool({ host: DB_HOST, port: 5432, database: 'shop' });\nexport const entities = [Order];\n",
        'services/orders/src/order.entity.ts': entity('Order', 'orders'),
        'services/payments/src/db.ts': "import { DataSource } from 'typeorm';\nimport { Order } from './order.entity';\nconst URL = 'postgres://app@db.internal/shop';\nexport const ds = new DataSource({ type: 'postgres', url: URL, entities: [Order] });\n",
        'services/payments/src/order.entity.ts': entity('Order', 'orders'),
      }),
      errors: [
        { file: 'services/orders/src/db.ts', line: 4, column: 21, message: 'both map `orders`', related: ['services/payments/src/db.ts:4'] },
        { file: 'services/payments/src/db.ts', line: 4, column: 19, related: ['services/orders/src/db.ts:4'] },
      ],
    },
    {
      name: '(b) the same Mongo collection (explicit, and by Mongoose default pluralization) in two services with unknown databases',
      files: system({
        'services/orders/src/order.model.ts': "import { model, Schema } from 'mongoose';\n\nexport const Order = model('Order', new Schema({ total: Number }));\n",
        'services/reporting/src/order.model.ts': "import { model, Schema } from 'mongoose';\n\nexport const OrderView = model('OrderView', new Schema({ total: Number }), 'orders');\n",
      }),
      errors: [
        { file: 'services/orders/src/order.model.ts', line: 3, column: 22, message: 'Table `orders` is mapped by `orders` and `reporting`', related: ['services/reporting/src/order.model.ts:3'] },
        { file: 'services/reporting/src/order.model.ts', line: 3, column: 26, related: ['services/orders/src/order.model.ts:3'] },
      ],
    },
    {
      name: '(c) a library exporting a database client, imported by two services',
      files: system({
        ...dbLibrary,
        'services/orders/src/a.ts': "import { prisma } from '@shop/db';\nexport const orders = () => prisma;\n",
        'services/payments/src/a.ts': "import { prisma } from '@shop/db';\nexport const payments = () => prisma;\n",
        'services/payments/src/b.ts': "import { prisma } from '@shop/db';\nexport const refunds = () => prisma;\n",
      }),
      errors: [
        { file: 'services/orders/src/a.ts', line: 1, column: 1, message: '`orders` and `payments` import the persistence library `@shop/db`', related: ['services/payments/src/a.ts:1'] },
        { file: 'services/payments/src/a.ts', line: 1, column: 1, related: ['services/orders/src/a.ts:1'] },
      ],
    },
    {
      name: 'one finding per problem: services sharing a database are not reported again for the library whose entities they both register',
      files: system(
        {
          'packages/domain/package.json': pkg('@shop/domain'),
          'packages/domain/src/index.ts': entity('Order', 'orders'),
          'services/orders/src/db.ts': `import { Order } from '@shop/domain';\n${dataSource('[Order]')}`,
          'services/payments/src/db.ts': `import { Order } from '@shop/domain';\n${dataSource('[Order]')}`,
        },
        sharedEnvironment,
      ),
      errors: [
        { file: 'services/orders/src/db.ts', line: 4, column: 27, message: "both use `@shop/domain`'s models (`orders`)" },
        { file: 'services/payments/src/db.ts', line: 4, column: 27 },
      ],
    },
  ],
});
