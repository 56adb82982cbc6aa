import rule from './loose-contract-type.js';
import { docExamples } from './testing/doc-examples.js';
import { ruleTester, type Files } from './testing/rule-tester.js';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

/** A workspace package `packages/<folder>` named `name`, with files under src/. */
function pkg(folder: string, name: string, files: Record<string, string>): Files {
  const out: Files = { [`packages/${folder}/package.json`]: JSON.stringify({ name }) };
  for (const [path, text] of Object.entries(files)) out[`packages/${folder}/src/${path}`] = text;
  return out;
}

ruleTester(rule, {
  valid: [
    {
      name: 'loose types outside contracts, explicit contract fields, and a Nest handler parameter typed unknown',
      files: {
        ...pkg('contracts', '@shop/contracts', {
          'orders.ts': lines(
            "import { z } from 'zod';",
            'export interface OrderDto { id: string; tags: Record<string, string>; metadata: { channel: "web" | "app" } }',
            'export const OrderSchema = z.object({ id: z.string() });',
            'export function describe(order: any): string { return String(order); }',
            'interface Unused { anything: any }',
          ),
        }),
        ...pkg('logger', '@shop/logger', { 'index.ts': lines('export interface LogFields { [key: string]: unknown }', 'export type Anything = any;') }),
        'services/orders/package.json': JSON.stringify({ name: '@shop/orders' }),
        'services/orders/src/orders.controller.ts': lines(
          "import { Body, Controller, Post } from '@nestjs/common';",
          "@Controller('orders')",
          'export class OrdersController {',
          '  @Post() create(@Body() body: unknown): { id: string } { return { id: String(body) }; }',
          '}',
        ),
      },
    },
  ],
  invalid: [
    {
      name: "a contract package's exported types and schemas, and the local types they use",
      files: pkg('contracts', '@shop/contracts', {
        'orders.ts': lines(
          "import { z } from 'zod';",
          'interface Audit { changedBy: object }',
          'export interface OrderPlacedEvent {',
          '  orderId: string;',
          '  metadata: Record<string, any>;',
          '  details?: any;',
          '  audit: Audit;',
          '  callback: Function;',
          '}',
          'export type Extra = { payload: Record<string, unknown> };',
          'export const OrderSchema = z.object({ id: z.string(), extra: z.any() });',
        ),
      }),
      errors: [
        { file: 'packages/contracts/src/orders.ts', line: 2, column: 30, message: '`changedBy` in the contract `Audit` is typed `object`' },
        { file: 'packages/contracts/src/orders.ts', line: 5, column: 13, message: '`metadata` in the contract `OrderPlacedEvent` is typed `Record<string, any>`' },
        { file: 'packages/contracts/src/orders.ts', line: 6, column: 13, message: '`details` in the contract `OrderPlacedEvent` is typed `any`' },
        { file: 'packages/contracts/src/orders.ts', line: 8, column: 13, message: 'typed `Function`' },
        { file: 'packages/contracts/src/orders.ts', line: 10, column: 32, message: '`payload` in the contract `Extra`' },
        { file: 'packages/contracts/src/orders.ts', line: 11, column: 62, message: 'the schema `OrderSchema` is typed `z.any()`' },
      ],
    },
    {
      name: 'contract files by name (*.dto.ts, *.events.ts), DTO classes anywhere, and Nest handler return types',
      files: {
        'services/orders/package.json': JSON.stringify({ name: '@shop/orders' }),
        'services/orders/src/order.dto.ts': lines('export interface OrderDto { id: string; raw: unknown }'),
        'services/orders/src/order.events.ts': lines('export type OrderPlaced = { id: string; data: any };'),
        'services/orders/src/orders.controller.ts': lines(
          "import { Controller, Get } from '@nestjs/common';",
          'export class CreateOrderDto { note!: any; }',
          "@Controller('orders')",
          'export class OrdersController {',
          '  @Get() list(): Promise<any[]> { return Promise.resolve([]); }',
          '}',
        ),
      },
      errors: [
        { file: 'services/orders/src/order.dto.ts', line: 1, column: 46, message: '`raw` in the contract `OrderDto` is typed `unknown`' },
        { file: 'services/orders/src/order.events.ts', line: 1, column: 47, message: '`data` in the contract `OrderPlaced`' },
        { file: 'services/orders/src/orders.controller.ts', line: 2, column: 38, message: '`note` in the DTO `CreateOrderDto`' },
        { file: 'services/orders/src/orders.controller.ts', line: 5, column: 26, message: 'the response of `list` is typed `any`' },
      ],
    },
  ],
});

docExamples(rule);
