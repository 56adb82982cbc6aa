import rule from './shared-library-coupling.js';
import { ruleTester, type Files } from './testing/rule-tester.js';

const pkg = (name: string) => JSON.stringify({ name, version: '1.0.0' });

function system(library: { name: string; folder: string; files: Files }, imports: Record<string, string>): Files {
  const files: Files = {
    'package.json': JSON.stringify({ name: 'shop', private: true, workspaces: ['services/*', 'packages/*'] }),
    [`packages/${library.folder}/package.json`]: pkg(library.name),
  };
  for (const [path, text] of Object.entries(library.files)) files[`packages/${library.folder}/${path}`] = text;
  for (const service of ['orders', 'payments', 'gateway']) {
    files[`services/${service}/package.json`] = pkg(`@shop/${service}`);
    files[`services/${service}/src/main.ts`] = "import express from 'express';\nexpress().listen(3000);\n";
  }
  for (const [path, text] of Object.entries(imports)) files[path] = text;
  return files;
}

const domain = {
  name: '@shop/domain',
  folder: 'domain',
  files: {
    'src/index.ts': "export * from './order.entity';\nexport * from './pricing';\n",
    'src/order.entity.ts': "import { Entity, PrimaryGeneratedColumn, Column } from 'typeorm';\n@Entity('orders')\nexport class Order {\n  @PrimaryGeneratedColumn('uuid') id!: string;\n  @Column('int') totalCents!: number;\n}\n",
    'src/pricing.ts': 'export function calculateOrderTotal(lines: Array<{ cents: number }>) {\n  return lines.reduce((sum, line) => sum + line.cents, 0);\n}\n',
  },
};

ruleTester(rule, {
  valid: [
    {
      name: 'a library used by one service only',
      files: system(domain, { 'services/orders/src/a.ts': "import { Order } from '@shop/domain';\nexport const o = Order;\n" }),
    },
    {
      name: 'a logger library (allowed by default)',
      files: system(
        { name: '@shop/logger', folder: 'logger', files: { 'src/index.ts': 'export function createLogger(name: string) { return { info: (m: string) => console.log(name, m) }; }\n' } },
        {
          'services/orders/src/a.ts': "import { createLogger } from '@shop/logger';\nexport const log = createLogger('orders');\n",
          'services/payments/src/a.ts': "import { createLogger } from '@shop/logger';\nexport const log = createLogger('payments');\n",
        },
      ),
    },
    {
      name: 'a client library (its modules make remote calls)',
      files: system(
        {
          name: '@shop/inventory-client',
          folder: 'inventory-client',
          files: { 'src/index.ts': "import axios from 'axios';\nexport class InventoryClient {\n  getItem(id: string) { return axios.get(`${process.env.INVENTORY_URL}/items/${id}`, { timeout: 2000 }); }\n}\n" },
        },
        {
          'services/orders/src/a.ts': "import { InventoryClient } from '@shop/inventory-client';\nexport const c = new InventoryClient();\n",
          'services/payments/src/a.ts': "import { InventoryClient } from '@shop/inventory-client';\nexport const c = new InventoryClient();\n",
        },
      ),
    },
    {
      name: 'constants and types only',
      files: system(
        { name: '@shop/contracts', folder: 'contracts', files: { 'src/index.ts': "export interface OrderPlaced { orderId: string }\nexport const ORDER_PLACED = 'order.placed';\n" } },
        {
          'services/orders/src/a.ts': "import { ORDER_PLACED, type OrderPlaced } from '@shop/contracts';\nexport const e: OrderPlaced = { orderId: ORDER_PLACED };\n",
          'services/payments/src/a.ts': "import { ORDER_PLACED } from '@shop/contracts';\nexport const e = ORDER_PLACED;\n",
        },
      ),
    },
    {
      name: 'only type imports of a library that has runtime code',
      files: system(domain, {
        'services/orders/src/a.ts': "import type { Order } from '@shop/domain';\nexport type O = Order;\n",
        'services/payments/src/a.ts': "import type { Order } from '@shop/domain';\nexport type O = Order;\n",
      }),
    },
    {
      name: 'allowed by the allow option',
      options: { allow: ['packages/domain'] },
      files: system(domain, {
        'services/orders/src/a.ts': "import { Order } from '@shop/domain';\nexport const o = Order;\n",
        'services/payments/src/a.ts': "import { Order } from '@shop/domain';\nexport const o = Order;\n",
      }),
    },
    {
      name: 'below minServices',
      options: { minServices: 3 },
      files: system(domain, {
        'services/orders/src/a.ts': "import { Order } from '@shop/domain';\nexport const o = Order;\n",
        'services/payments/src/a.ts': "import { Order } from '@shop/domain';\nexport const o = Order;\n",
      }),
    },
  ],
  invalid: [
    {
      name: 'a domain library with entities and functions used by two services, reported at the first import in each',
      files: system(domain, {
        'services/orders/src/a.ts': "import { Order } from '@shop/domain';\nexport const o = Order;\n",
        'services/orders/src/b.ts': "import { calculateOrderTotal } from '@shop/domain';\nexport const t = calculateOrderTotal;\n",
        'services/payments/src/charge.ts': "// charges\nimport { calculateOrderTotal } from '@shop/domain';\nexport const t = calculateOrderTotal;\n",
      }),
      errors: [
        { file: 'services/orders/src/a.ts', line: 1, column: 1, message: 'shared by 2 services (orders, payments)', related: ['services/payments/src/charge.ts:2'] },
        { file: 'services/payments/src/charge.ts', line: 2, column: 1, message: 'persistence models (Order) and runtime code (Order, calculateOrderTotal)', related: ['services/orders/src/a.ts:1'] },
      ],
    },
    {
      name: 'through a relative path into the library folder',
      files: system(domain, {
        'services/orders/src/a.ts': "import { calculateOrderTotal } from '../../../packages/domain/src/pricing';\nexport const t = calculateOrderTotal;\n",
        'services/gateway/src/a.ts': "import { Order } from '@shop/domain';\nexport const o = Order;\n",
      }),
      errors: [
        { file: 'services/gateway/src/a.ts', line: 1, column: 1, message: '(gateway, orders)' },
        { file: 'services/orders/src/a.ts', line: 1, column: 1 },
      ],
    },
  ],
});
