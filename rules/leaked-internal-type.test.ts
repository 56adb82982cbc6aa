import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { analyze } from '../server/src/engine/analyze.js';
import { applyFixes } from '../server/src/engine/fixes/index.js';
import rule from './leaked-internal-type.js';
import { docExamples } from './testing/doc-examples.js';
import { REPO_TEMP, ruleTester, writeFiles, type Files } from './testing/rule-tester.js';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

/** Files of the orders service (`services/orders/src/<path>`), with its package.json and the Order entity. */
function orders(files: Record<string, string>): Files {
  const out: Files = {
    'services/orders/package.json': JSON.stringify({ name: '@shop/orders' }),
    'services/orders/src/order.entity.ts': ORDER_ENTITY,
  };
  for (const [path, text] of Object.entries(files)) out[`services/orders/src/${path}`] = text;
  return out;
}

const ORDER_ENTITY = lines(
  "import { Column, CreateDateColumn, Entity, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';",
  "export type OrderStatus = 'pending' | 'paid';",
  "@Entity('orders')",
  'export class Order {',
  "  @PrimaryGeneratedColumn('uuid') id!: string;",
  "  @Column({ type: 'varchar' }) status!: OrderStatus;",
  "  @Column({ type: 'text', nullable: true }) internalNotes!: string | null;",
  '  @CreateDateColumn() placedAt!: Date;',
  '  @ManyToOne(() => Order) parent?: Order;',
  '}',
);

const ORDER_DTO = lines(
  "import type { Order, OrderStatus } from './order.entity';",
  '',
  '/** What consumers get of `Order`: its columns, without relations. Remove what they should not see. */',
  'export interface OrderDto {',
  '  id: string;',
  '  status: OrderStatus;',
  '  internalNotes: string | null;',
  '  placedAt: string;',
  '}',
  '',
  'export function toOrderDto(order: Order): OrderDto {',
  '  return {',
  '    id: order.id,',
  '    status: order.status,',
  '    internalNotes: order.internalNotes,',
  '    placedAt: order.placedAt.toISOString(),',
  '  };',
  '}',
);

/** An express router over a TypeORM repository; `send` is the statement under test. */
const expressRoute = (send: string, extraImports: string[] = []) =>
  lines(
    "import { Router } from 'express';",
    "import type { DataSource } from 'typeorm';",
    "import { Order } from './order.entity';",
    ...extraImports,
    'export function ordersRouter(dataSource: DataSource) {',
    '  const orders = dataSource.getRepository(Order);',
    '  const router = Router();',
    "  router.get('/orders/:id', async (req, res) => {",
    '    const order = await orders.findOneBy({ id: req.params.id });',
    "    if (!order) { res.status(404).json({ error: 'not_found' }); return; }",
    `    ${send}`,
    '  });',
    '  return router;',
    '}',
  );

const NEST_SERVICE = lines(
  "import { Order } from './order.entity';",
  'export class OrdersService {',
  '  async get(id: string): Promise<Order> { const order = new Order(); order.id = id; return order; }',
  '}',
);

const NEST_CONTROLLER = lines(
  "import { Controller, Get, Param } from '@nestjs/common';",
  "import { Order } from './order.entity';",
  "import { OrdersService } from './orders.service';",
  "@Controller('orders')",
  'export class OrdersController {',
  '  constructor(private readonly orders: OrdersService) {}',
  "  @Get(':id')",
  "  async findOne(@Param('id') id: string): Promise<Order> {",
  '    return this.orders.get(id);',
  '  }',
  '}',
);

const NEST_CONTROLLER_FIXED = lines(
  "import { Controller, Get, Param } from '@nestjs/common';",
  "import { Order } from './order.entity';",
  "import { OrdersService } from './orders.service';",
  "import { toOrderDto, type OrderDto } from './order.dto';",
  "@Controller('orders')",
  'export class OrdersController {',
  '  constructor(private readonly orders: OrdersService) {}',
  "  @Get(':id')",
  "  async findOne(@Param('id') id: string): Promise<OrderDto> {",
  '    return toOrderDto(await this.orders.get(id));',
  '  }',
  '}',
);

ruleTester(
  rule,
  {
    valid: [
      {
        name: 'mapped to a DTO, columns picked one by one, raw pg rows typed by a local interface, plain message payloads',
        files: orders({
          'order.mapper.ts': lines("import type { Order } from './order.entity';", 'export interface OrderView { id: string }', 'export const toView = (order: Order): OrderView => ({ id: order.id });'),
          'routes.ts': expressRoute('res.json([toView(order), { id: order.id, status: order.status, notes: order.internalNotes }]);', ["import { toView } from './order.mapper';"]),
          'items.ts': lines(
            "import { Router } from 'express';",
            "import pg from 'pg';",
            'interface ItemRow { sku: string; on_hand: number }',
            'const pool = new pg.Pool();',
            'export const items = Router();',
            "items.get('/items', async (_req, res) => {",
            "  const { rows } = await pool.query<ItemRow>('SELECT sku, on_hand FROM items');",
            '  res.json(rows);',
            '});',
          ),
          'events.ts': lines(
            "import * as amqp from 'amqplib';",
            "import type { Order } from './order.entity';",
            'export function placed(channel: amqp.Channel, order: Order) {',
            "  channel.publish('orders', 'order.placed', Buffer.from(JSON.stringify({ orderId: order.id, placedAt: order.placedAt.toISOString() })));",
            '}',
          ),
        }),
      },
    ],
    invalid: [
      {
        name: 'express: an entity from a repository sent as the response; the fix extracts OrderDto in a sibling order.dto.ts',
        files: orders({ 'routes.ts': expressRoute('res.json(order);') }),
        errors: [{ file: 'services/orders/src/routes.ts', line: 10, column: 14, message: 'which carries the TypeORM entity `Order`', related: ['services/orders/src/order.entity.ts:4'] }],
        output: {
          'services/orders/src/order.dto.ts': ORDER_DTO,
          'services/orders/src/routes.ts': expressRoute('res.json(toOrderDto(order));', []).replace(
            "import { Order } from './order.entity';\n",
            "import { Order } from './order.entity';\nimport { toOrderDto } from './order.dto';\n",
          ),
        },
      },
      {
        name: 'express: an array of entities; the fix maps the array',
        files: orders({ 'routes.ts': expressRoute('res.json(await orders.find());') }),
        errors: [{ file: 'services/orders/src/routes.ts', line: 10, column: 14, message: 'TypeORM entity `Order` (as its elements)' }],
        output: {
          'services/orders/src/routes.ts': expressRoute('res.json((await orders.find()).map(toOrderDto));').replace(
            "import { Order } from './order.entity';\n",
            "import { Order } from './order.entity';\nimport { toOrderDto } from './order.dto';\n",
          ),
        },
      },
      {
        name: 'Nest: a handler declared to return Promise<Order> (reported at the return type); the fix rewrites it to the DTO',
        files: orders({ 'orders.service.ts': NEST_SERVICE, 'orders.controller.ts': NEST_CONTROLLER }),
        errors: [{ file: 'services/orders/src/orders.controller.ts', line: 8, column: 43, message: 'This declares `Promise<Order>` as the response of `GET /orders/:id`' }],
        output: { 'services/orders/src/orders.controller.ts': NEST_CONTROLLER_FIXED, 'services/orders/src/order.dto.ts': ORDER_DTO },
      },
      {
        name: 'an entity inside a response object and inside a message payload (through JSON.stringify): no fix for a nested one',
        files: orders({
          'routes.ts': expressRoute('res.json({ order });'),
          'events.ts': lines(
            "import * as amqp from 'amqplib';",
            "import type { Order } from './order.entity';",
            'export function placed(channel: amqp.Channel, order: Order) {',
            "  channel.publish('orders', 'order.placed', Buffer.from(JSON.stringify({ order })));",
            '}',
          ),
        }),
        errors: [
          { file: 'services/orders/src/events.ts', line: 4, column: 72, message: 'This sends `{ order }` in a message payload, which carries the TypeORM entity `Order` (through `.order`)' },
          { file: 'services/orders/src/routes.ts', line: 10, column: 14, message: '(through `.order`)' },
        ],
      },
      {
        name: 'a contract type with an entity member, a Mongoose document, and a type config `internalTypes` names',
        files: {
          'seamlint.config.json': JSON.stringify({ rules: { 'leaked-internal-type': 'warning' }, internalTypes: ['services/orders/src/internal/**'] }),
          ...orders({
            'order.contract.ts': lines("import type { Order } from './order.entity';", 'export interface OrderView { id: string; order: Order }'),
            'internal/ledger.ts': lines('export interface LedgerEntry { account: string; cents: number }'),
            'cats.ts': lines(
              "import express from 'express';",
              "import { model, Schema } from 'mongoose';",
              "import type { LedgerEntry } from './internal/ledger';",
              'interface Cat { name: string }',
              "const CatModel = model<Cat>('Cat', new Schema<Cat>({ name: String }));",
              'const app = express();',
              "app.get('/cats/:id', async (req, res) => { res.json(await CatModel.findById(req.params.id)); });",
              "app.get('/ledger', async (_req, res) => { const entries: LedgerEntry[] = []; res.json(entries); });",
            ),
          }),
        },
        errors: [
          { file: 'services/orders/src/cats.ts', line: 7, column: 53, message: 'which carries the Mongoose document `Cat`' },
          { file: 'services/orders/src/cats.ts', line: 8, column: 87, message: 'which carries the internal type `LedgerEntry` (as its elements)' },
          { file: 'services/orders/src/order.contract.ts', line: 2, column: 49, message: 'The contract `OrderView` carries the TypeORM entity `Order` (through `.order`)' },
        ],
      },
      {
        name: 'drizzle rows (InferSelectModel and query results)',
        files: orders({
          'rows.ts': lines(
            "import express from 'express';",
            "import type { InferSelectModel } from 'drizzle-orm';",
            "import { integer, pgTable, text } from 'drizzle-orm/pg-core';",
            "export const invoices = pgTable('invoices', { id: text('id').primaryKey(), totalCents: integer('total_cents') });",
            'type Invoice = InferSelectModel<typeof invoices>;',
            'const app = express();',
            "app.get('/invoices', (_req, res) => { const rows: Invoice[] = []; res.json(rows); });",
          ),
        }),
        errors: [{ file: 'services/orders/src/rows.ts', line: 7, column: 76, message: 'which carries the drizzle row (as its elements)' }],
      },
      {
        name: 'Sequelize model instances and Prisma model types (from the generated client)',
        files: {
          'node_modules/@prisma/client/index.d.ts': lines(
            'export type Invoice = { id: string; totalCents: number };',
            'export declare class PrismaClient { invoice: { findUnique(args: { where: { id: string } }): Promise<Invoice | null> } }',
          ),
          ...orders({
            'billing.ts': lines(
              "import express from 'express';",
              "import { PrismaClient } from '@prisma/client';",
              "import { Model } from 'sequelize';",
              'class User extends Model {}',
              'const prisma = new PrismaClient();',
              'const app = express();',
              "app.get('/invoices/:id', async (req, res) => { res.json(await prisma.invoice.findUnique({ where: { id: req.params.id } })); });",
              "app.get('/users/:id', async (req, res) => { res.json(await User.findByPk(req.params.id)); });",
            ),
          }),
        },
        errors: [
          { file: 'services/orders/src/billing.ts', line: 7, column: 57, message: 'which carries the Prisma model `Invoice`' },
          { file: 'services/orders/src/billing.ts', line: 8, column: 54, message: 'which carries the Sequelize model `User`' },
        ],
      },
    ],
  },
  { resolveLibraries: true },
);

describe('leaked-internal-type fix', () => {
  it('type-checks after "Extract contract type" is applied (tsc, strict)', async () => {
    mkdirSync(REPO_TEMP, { recursive: true });
    const root = mkdtempSync(join(REPO_TEMP, 'seamlint-fix-'));
    try {
      writeFiles(root, {
        'seamlint.config.json': JSON.stringify({ rules: { 'leaked-internal-type': 'warning' } }),
        ...orders({ 'orders.service.ts': NEST_SERVICE, 'orders.controller.ts': NEST_CONTROLLER, 'routes.ts': expressRoute('res.json(await orders.find());') }),
      });
      const result = await analyze({ paths: [root], onlyRules: ['leaked-internal-type'] });
      expect(result.findings).toHaveLength(2);
      // One fix at a time, as the editor offers them: each is checked on its own.
      for (const finding of result.findings) {
        const fixed = applyFixes([finding], (file) => result.texts.get(file), { includeUnsafe: true });
        const texts = new Map(result.texts);
        for (const [file, text] of fixed) texts.set(file, text);
        expect(typeErrors(root, texts)).toEqual([]);
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

/** tsc's errors for the workspace as the texts stand (strict, decorators as TypeORM and Nest use them). */
function typeErrors(root: string, texts: ReadonlyMap<string, string>): string[] {
  const options: ts.CompilerOptions = { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, experimentalDecorators: true, skipLibCheck: true, noEmit: true, types: [] };
  const host = ts.createCompilerHost(options, true);
  const readFile = host.readFile.bind(host);
  host.readFile = (file) => texts.get(file) ?? readFile(file);
  host.fileExists = (file) => texts.has(file) || ts.sys.fileExists(file);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language, onError) => {
    const text = texts.get(file);
    return text === undefined ? getSourceFile(file, language, onError) : ts.createSourceFile(file, text, language, true);
  };
  const program = ts.createProgram({ rootNames: [...texts.keys()].filter((file) => file.endsWith('.ts')), options, host });
  return ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName.slice(root.length) ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
}

docExamples(rule);
