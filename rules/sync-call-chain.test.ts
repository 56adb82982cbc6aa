import rule from './sync-call-chain.js';
import { expressService, workspaceRoot } from './testing/express-system.js';
import { ruleTester } from './testing/rule-tester.js';

const pricing = expressService('pricing', [{ method: 'get', path: '/prices/:sku', body: 'res.json({ sku: req.params.sku, cents: 100 });' }]);
const inventory = expressService('inventory', [
  {
    method: 'get',
    path: '/items/:id',
    body: "const price = await fetch(`${process.env.PRICING_URL}/prices/${req.params.id}`, { signal: AbortSignal.timeout(1000) });\nres.json({ id: req.params.id, price: await price.json() });",
  },
]);
const orders = expressService('orders', [
  {
    method: 'get',
    path: '/orders/:id',
    body: "const item = await axios.get(`${process.env.INVENTORY_URL}/items/${req.params.id}`, { timeout: 1000 });\nres.json({ id: req.params.id, item: item.data });",
  },
]);
const gateway = expressService('gateway', [
  { method: 'get', path: '/checkout/:id', body: "const order = await axios.get(`${process.env.ORDERS_URL}/orders/${req.params.id}`, { timeout: 1000 });\nres.json(order.data);" },
]);

ruleTester(rule, {
  valid: [
    {
      name: 'a chain of two services',
      files: { ...workspaceRoot, ...pricing, ...inventory },
    },
    {
      name: 'below a raised maxServices',
      options: { maxServices: 5 },
      files: { ...workspaceRoot, ...pricing, ...inventory, ...orders, ...gateway },
    },
    {
      name: 'calls to unresolvable targets end the chain',
      files: {
        ...workspaceRoot,
        ...pricing,
        ...inventory,
        ...expressService('orders', [{ method: 'get', path: '/orders/:id', body: "const r = await axios.get(req.query.next as string, { timeout: 1000 });\nres.json(r.data);" }]),
      },
    },
    {
      name: 'a call that is not awaited does not block the handler',
      files: {
        ...workspaceRoot,
        ...pricing,
        ...inventory,
        ...expressService('orders', [{ method: 'post', path: '/orders', body: "void axios.get(`${process.env.INVENTORY_URL}/items/1`, { timeout: 1000 });\nres.status(202).end();" }]),
      },
    },
  ],
  invalid: [
    {
      name: 'gateway → orders → inventory → pricing: the first two calls are reported',
      files: { ...workspaceRoot, ...pricing, ...inventory, ...orders, ...gateway },
      errors: [
        {
          file: 'services/gateway/src/main.ts',
          line: 6,
          column: 23,
          message: '`gateway` waits here on a chain of 4 services (gateway → orders → inventory → pricing)',
          related: ['services/orders/src/main.ts:5', 'services/orders/src/main.ts:6', 'services/inventory/src/main.ts:5', 'services/inventory/src/main.ts:6', 'services/pricing/src/main.ts:5'],
        },
        { file: 'services/orders/src/main.ts', line: 6, column: 22, message: 'chain of 3 services (orders → inventory → pricing)' },
      ],
    },
    {
      name: 'through a client class held in a module-level instance, with the base URL given at run time',
      files: {
        ...workspaceRoot,
        ...pricing,
        ...inventory,
        'services/orders/src/inventory.client.ts': [
          'export class InventoryClient {',
          '  constructor(private readonly baseUrl: string) {}',
          '  async item(id: string) {',
          '    const res = await fetch(`${this.baseUrl}/items/${encodeURIComponent(id)}`, { signal: AbortSignal.timeout(1000) });',
          '    if (!res.ok) throw new Error(`inventory ${res.status}`);',
          '    return res.json();',
          '  }',
          '}',
          '',
        ].join('\n'),
        ...expressService('orders', [{ method: 'get', path: '/orders/:id', body: 'const item = await inventory.item(req.params.id);\nres.json({ item });' }], "import { InventoryClient } from './inventory.client';\nconst inventory = new InventoryClient(process.env.STOCK_API ?? '');"),
      },
      errors: [{ file: 'services/orders/src/main.ts', line: 8, column: 22, message: 'chain of 3 services (orders → inventory → pricing)', related: ['services/inventory/src/main.ts:5', 'services/inventory/src/main.ts:6', 'services/pricing/src/main.ts:5'] }],
    },
  ],
});

// Request/reply over a broker is synchronous too: `ClientProxy.send('get_price')` ↔ `@MessagePattern('get_price')`.
ruleTester(rule, {
  valid: [],
  invalid: [
    {
      name: 'a NestJS request/reply hop through @MessagePattern',
      files: {
        ...workspaceRoot,
        'services/pricing/package.json': JSON.stringify({ name: '@shop/pricing' }),
        'services/pricing/src/main.ts': [
          "import { Controller, Module } from '@nestjs/common';",
          "import { NestFactory } from '@nestjs/core';",
          "import { MessagePattern, Transport } from '@nestjs/microservices';",
          '',
          '@Controller()',
          'export class PricesController {',
          "  @MessagePattern('get_price')",
          '  price(sku: string) {',
          '    return { sku, cents: 100 };',
          '  }',
          '}',
          '',
          '@Module({ controllers: [PricesController] })',
          'class AppModule {}',
          '',
          'NestFactory.createMicroservice(AppModule, { transport: Transport.TCP }).then((app) => app.listen());',
          '',
        ].join('\n'),
        ...inventory,
        'services/inventory/src/main.ts': [
          "import express from 'express';",
          "import { ClientProxyFactory, Transport } from '@nestjs/microservices';",
          "import { firstValueFrom } from 'rxjs';",
          '',
          "const pricing = ClientProxyFactory.create({ transport: Transport.TCP, options: { host: process.env.PRICING_HOST, port: 4000 } });",
          'const app = express();',
          "app.get('/items/:id', async (req, res) => {",
          "  const price = await firstValueFrom(pricing.send('get_price', req.params.id));",
          '  res.json({ id: req.params.id, price });',
          '});',
          'app.listen(3000);',
          '',
        ].join('\n'),
        ...orders,
      },
      errors: [{ file: 'services/orders/src/main.ts', line: 6, column: 22, message: 'chain of 3 services (orders → inventory → pricing)', related: ['services/inventory/src/main.ts:7', 'services/inventory/src/main.ts:8', 'services/pricing/src/main.ts:7'] }],
    },
  ],
});
