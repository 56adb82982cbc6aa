import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { REPO_TEMP, writeFiles, type Files } from '../../../../rules/testing/rule-tester.js';
import { analyze } from '../analyze.js';
import { TypeCheckerPool } from '../program/type-checker.js';
import type { SystemModel } from './types.js';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;
const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** Analyze a small workspace under the repository (so libraries resolve) and return its model. */
async function modelOf(files: Files, config: object = {}): Promise<SystemModel> {
  mkdirSync(REPO_TEMP, { recursive: true });
  const root = mkdtempSync(join(REPO_TEMP, 'seamlint-contracts-'));
  roots.push(root);
  writeFiles(root, { 'seamlint.config.json': JSON.stringify({ rules: {}, ...config }), ...files });
  return (await analyze({ paths: [root], onlyRules: [] })).model;
}

describe('contract modules', () => {
  it('follows rules.md: file names, folders inside a package, package names, config globs; never tests', async () => {
    const model = await modelOf({
      'packages/contracts/package.json': JSON.stringify({ name: '@shop/contracts' }),
      'packages/contracts/src/index.ts': 'export {};\n',
      'services/api/package.json': JSON.stringify({ name: '@shop/api' }),
      'services/api/src/main.ts': 'export {};\n',
      'services/api/src/events/order-placed.ts': 'export {};\n',
      'services/api/src/order.dto.ts': 'export {};\n',
      'services/api/src/order.dto.test.ts': 'export {};\n',
      'services/api/src/shared/types.ts': 'export {};\n',
    }, { contracts: ['services/api/src/shared/**'] });
    const contract = (path: string) => model.contracts.isContractModule(join(model.root, path));
    expect(contract('packages/contracts/src/index.ts')).toBe(true);
    expect(contract('services/api/src/events/order-placed.ts')).toBe(true);
    expect(contract('services/api/src/order.dto.ts')).toBe(true);
    expect(contract('services/api/src/shared/types.ts')).toBe(true);
    // A service named `api` is not a contract folder of itself, and tests are never contracts.
    expect(contract('services/api/src/main.ts')).toBe(false);
    expect(contract('services/api/src/order.dto.test.ts')).toBe(false);
  });
});

describe('validations', () => {
  it('links each validation to its schema (across modules and derivations) and to where its data comes from', async () => {
    const model = await modelOf({
      'services/orders/package.json': JSON.stringify({ name: '@shop/orders' }),
      'services/orders/src/schemas.ts': lines(
        "import { z } from 'zod';",
        'export const Item = z.object({ sku: z.string() }).strict();',
        'export const Page = z.object({ items: z.array(Item) });',
        'export const Open = Item.passthrough();',
      ),
      'services/orders/src/use.ts': lines(
        "import express from 'express';",
        "import * as amqp from 'amqplib';",
        "import { Item, Open, Page } from './schemas';",
        'export async function remote() {',
        "  const res = await fetch('http://inventory:3000/items', { signal: AbortSignal.timeout(1000) });",
        '  return Page.parse(await res.json());',
        '}',
        'export async function consume(channel: amqp.Channel) {',
        "  await channel.consume('q', (msg) => { if (msg) Open.parse(JSON.parse(msg.content.toString())); });",
        '}',
        'const app = express();',
        "app.post('/items', (req, res) => { res.json(Item.parse(req.body)); });",
      ),
    });
    const summary = model.contracts.validations().map((use) => ({
      schema: use.schema?.fact.name,
      strict: use.strictness.map(({ marker }) => marker.written),
      sources: use.sources.map((source) => (source.service ? `${source.kind}:${source.service}` : source.kind)),
    }));
    expect(summary).toEqual([
      // Page uses the strict Item by name; the data is a remote call's answer.
      { schema: 'Page', strict: ['.strict()'], sources: ['remote'] },
      // Open derives from Item but lets unknown keys through: nothing strict, so its data is not traced.
      { schema: 'Open', strict: [], sources: [] },
      { schema: 'Item', strict: ['.strict()'], sources: ['inbound'] },
    ]);
  });
});

describe('internal types in contracts', () => {
  const files: Files = {
    'services/orders/package.json': JSON.stringify({ name: '@shop/orders' }),
    'services/orders/src/order.entity.ts': lines(
      "import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';",
      "@Entity('orders')",
      'export class Order { @PrimaryGeneratedColumn() id!: number; @Column() status!: string; }',
    ),
    'services/orders/src/routes.ts': lines(
      "import { Router } from 'express';",
      "import type { DataSource } from 'typeorm';",
      "import { Order } from './order.entity';",
      'export function routes(dataSource: DataSource) {',
      '  const orders = dataSource.getRepository(Order);',
      '  const router = Router();',
      "  router.get('/a', async (_req, res) => { const order = await orders.findOneBy({ id: 1 }); res.json({ id: order?.id, status: order?.status }); });",
      "  router.get('/b', async (_req, res) => { res.json(await orders.findOneBy({ id: 1 })); });",
      '  return router;',
      '}',
    ),
  };

  it('clears what syntax can (columns read from repository results) and asks the checker only about the rest', async () => {
    const model = await modelOf(files);
    const checkerFor = vi.spyOn(TypeCheckerPool.prototype, 'checkerFor');
    const routes = model.file(join(model.root, 'services/orders/src/routes.ts'))!;
    const [columns, entity] = routes.facts.contractSites.filter((site) => site.kind === 'response');
    expect(model.contracts.internalTypesAt(routes.path, columns!.value, 'value')).toEqual([]);
    expect(checkerFor).not.toHaveBeenCalled();
    const [use] = model.contracts.internalTypesAt(routes.path, entity!.value, 'value');
    expect(use).toMatchObject({ name: 'Order', description: 'TypeORM entity', path: [] });
    expect(checkerFor).toHaveBeenCalled();
    checkerFor.mockRestore();
  });

  it('finds Prisma schema files with their models and @@map tables', async () => {
    const model = await modelOf({ ...files, 'services/orders/prisma/schema.prisma': 'model Invoice {\n  id String @id\n  @@map("invoices")\n}\n' });
    expect(model.prismaSchemas().map((schema) => schema.schema.models.map((m) => `${m.name}→${m.table}`))).toEqual([['Invoice→invoices']]);
  });
});
