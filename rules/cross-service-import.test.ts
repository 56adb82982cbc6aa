import rule from './cross-service-import.js';
import { ruleTester } from './testing/rule-tester.js';

const pkg = (name: string, deps: Record<string, string> = {}) => JSON.stringify({ name, version: '1.0.0', dependencies: deps });

const npmWorkspace = {
  'package.json': JSON.stringify({ name: 'shop', private: true, workspaces: ['services/*', 'packages/*'] }),
  'services/orders/package.json': pkg('@shop/orders'),
  'services/orders/src/main.ts': "import express from 'express';\nexpress().listen(3000);\n",
  'services/inventory/package.json': pkg('@shop/inventory'),
  'services/inventory/src/main.ts': "import express from 'express';\nexpress().listen(3001);\n",
  'services/inventory/src/item.ts': 'export interface Item { id: string; stock: number }\nexport function isInStock(item: Item) { return item.stock > 0; }\n',
  'services/inventory/src/index.ts': "export * from './item';\n",
  'packages/domain/package.json': pkg('@shop/domain'),
  'packages/domain/src/index.ts': 'export const CURRENCY = "EUR";\n',
};

ruleTester(rule, {
  valid: [
    {
      name: 'imports of its own modules, libraries and npm packages',
      files: {
        ...npmWorkspace,
        'services/orders/src/order.ts': "import { CURRENCY } from '@shop/domain';\nimport { z } from 'zod';\nimport { helper } from './helper';\nexport const x = [CURRENCY, z, helper];\n",
        'services/orders/src/helper.ts': 'export const helper = 1;\n',
      },
    },
    {
      name: 'a library importing from a service is not a service importing a service',
      files: { ...npmWorkspace, 'packages/domain/src/stock.ts': "import type { Item } from '../../../services/inventory/src/item';\nexport type Stock = Item;\n" },
    },
    {
      name: 'a path that only looks like another service',
      files: { ...npmWorkspace, 'services/orders/src/inventory/item.ts': 'export const a = 1;\n', 'services/orders/src/use.ts': "import { a } from './inventory/item';\nexport const b = a;\n" },
    },
  ],
  invalid: [
    {
      name: 'relative import into another service',
      files: { ...npmWorkspace, 'services/orders/src/stock.ts': "import { logger } from './logger';\nimport { isInStock } from '../../inventory/src/item';\nexport const check = isInStock;\nexport const l = logger;\n", 'services/orders/src/logger.ts': 'export const logger = console;\n' },
      errors: [{ file: 'services/orders/src/stock.ts', line: 2, column: 1, message: 'Service `orders` imports code from service `inventory`' }],
    },
    {
      name: 'import type, export from, dynamic import and require are each reported',
      files: {
        ...npmWorkspace,
        'services/orders/src/all.ts': [
          "import type { Item } from '../../inventory/src/item';",
          "export { isInStock } from '../../inventory/src/item';",
          'export async function load() {',
          "  const mod = await import('../../inventory/src/item');",
          "  const legacy = require('../../inventory/src/item');",
          '  return [mod, legacy] as Item[] | unknown[];',
          '}',
          '',
        ].join('\n'),
      },
      errors: [
        { file: 'services/orders/src/all.ts', line: 1, column: 1, message: 'imports types from service `inventory`' },
        { file: 'services/orders/src/all.ts', line: 2, column: 1 },
        { file: 'services/orders/src/all.ts', line: 4, column: 21 },
        { file: 'services/orders/src/all.ts', line: 5, column: 18 },
      ],
    },
    {
      name: "a service's workspace package name",
      files: { ...npmWorkspace, 'services/orders/src/stock.ts': "import { isInStock } from '@shop/inventory';\nexport const check = isInStock;\n" },
      errors: [{ file: 'services/orders/src/stock.ts', line: 1, column: 1, message: "('@shop/inventory')" }],
    },
    {
      name: 'a tsconfig paths alias',
      files: {
        ...npmWorkspace,
        'services/orders/tsconfig.json': JSON.stringify({ compilerOptions: { module: 'esnext', moduleResolution: 'bundler', paths: { '@inventory/*': ['../inventory/src/*'] } } }),
        'services/orders/src/stock.ts': "\nimport { isInStock } from '@inventory/item';\nexport const check = isInStock;\n",
      },
      errors: [{ file: 'services/orders/src/stock.ts', line: 2, column: 1, message: "('@inventory/item')" }],
    },
  ],
});
