import rule from './strict-consumer-schema.js';
import { docExamples } from './testing/doc-examples.js';
import { ruleTester, type Files } from './testing/rule-tester.js';

/** Files of one service (`services/<name>/src/<path>`), with its package.json. */
function service(name: string, files: Record<string, string>): Files {
  const out: Files = { [`services/${name}/package.json`]: JSON.stringify({ name: `@shop/${name}` }) };
  for (const [path, text] of Object.entries(files)) out[`services/${name}/src/${path}`] = text;
  return out;
}

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

const INVENTORY_CLIENT = lines(
  'export async function getItem(sku: string): Promise<unknown> {',
  '  const res = await fetch(`http://inventory:3000/items/${sku}`, { signal: AbortSignal.timeout(2000) });',
  '  return res.json();',
  '}',
);

ruleTester(rule, {
  valid: [
    {
      name: "strict validation of the service's own inbound requests (express req.body, Nest @Body())",
      files: service('orders', {
        'routes.ts': lines(
          "import express from 'express';",
          "import { z } from 'zod';",
          'const CreateOrder = z.object({ sku: z.string() }).strict();',
          'const app = express();',
          "app.post('/orders', (req, res) => { res.json(CreateOrder.parse(req.body)); });",
        ),
        'orders.controller.ts': lines(
          "import { Body, Controller, Post } from '@nestjs/common';",
          "import { z } from 'zod';",
          'const CreateOrder = z.strictObject({ sku: z.string() });',
          "@Controller('orders')",
          'export class OrdersController {',
          '  @Post() create(@Body() body: unknown) { return CreateOrder.parse(body); }',
          '}',
        ),
      }),
    },
    {
      name: 'a strict ValidationPipe on an HTTP controller (its own requests)',
      files: service('orders', {
        'orders.controller.ts': lines(
          "import { Body, Controller, Post, UsePipes, ValidationPipe } from '@nestjs/common';",
          'class CreateOrderDto { sku!: string; }',
          "@Controller('orders')",
          '@UsePipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true }))',
          'export class OrdersController {',
          '  @Post() create(@Body() body: CreateOrderDto) { return body; }',
          '}',
        ),
      }),
    },
    {
      name: 'tolerant schemas on remote data: plain z.object, .strict() then .passthrough(), Joi with allowUnknown, yup .strict() (casting)',
      files: service('orders', {
        'inventory.client.ts': INVENTORY_CLIENT,
        'a.ts': lines(
          "import { z } from 'zod';",
          "import Joi from 'joi';",
          "import * as yup from 'yup';",
          "import { getItem } from './inventory.client';",
          'const Plain = z.object({ sku: z.string() });',
          'const Reopened = z.object({ sku: z.string() }).strict().passthrough();',
          'const JoiItem = Joi.object({ sku: Joi.string() });',
          'const Open = Joi.object({ sku: Joi.string() }).unknown(true);',
          'const Casting = yup.object({ sku: yup.string() }).strict();',
          'export async function load(sku: string) {',
          '  const raw = await getItem(sku);',
          '  Plain.parse(raw); Reopened.parse(raw); Open.validate(raw); Casting.validateSync(raw);',
          '  JoiItem.validate(raw, { allowUnknown: true });',
          '}',
        ),
      }),
    },
    {
      name: 'ajv dropping additional properties instead of rejecting them, and JSON.parse of a response (no schema)',
      files: service('orders', {
        'a.ts': lines(
          "import Ajv from 'ajv';",
          'const ajv = new Ajv({ removeAdditional: true });',
          "const check = ajv.compile({ type: 'object', additionalProperties: false, properties: { sku: { type: 'string' } } });",
          'export async function load(sku: string) {',
          '  const res = await fetch(`http://inventory:3000/items/${sku}`, { signal: AbortSignal.timeout(2000) });',
          '  const item = JSON.parse(await res.text());',
          '  return check(item) ? item : undefined;',
          '}',
        ),
      }),
    },
  ],
  invalid: [
    {
      name: 'a zod .strict() schema in one module, parsing what a remote call returns through a client in another',
      files: service('orders', {
        'inventory.client.ts': INVENTORY_CLIENT,
        'item.schema.ts': lines(
          "import { z } from 'zod';",
          'export const ItemSchema = z',
          '  .object({ sku: z.string(), priceCents: z.number() })',
          '  .strict();',
        ),
        'orders.ts': lines(
          "import { getItem } from './inventory.client';",
          "import { ItemSchema } from './item.schema';",
          'export async function price(sku: string) {',
          '  const response = await getItem(sku);',
          '  return ItemSchema.parse(response).priceCents;',
          '}',
        ),
      }),
      errors: [{ file: 'services/orders/src/item.schema.ts', line: 4, column: 4, message: "`.strict()` makes `ItemSchema` reject unknown fields, and it validates another service's responses", related: ['services/orders/src/orders.ts:5'] }],
      output: {
        'services/orders/src/item.schema.ts': lines("import { z } from 'zod';", 'export const ItemSchema = z', '  .object({ sku: z.string(), priceCents: z.number() });'),
      },
    },
    {
      name: 'z.strictObject on a consumed message; the fix uses z.object',
      files: service('notifications', {
        'consumer.ts': lines(
          "import * as amqp from 'amqplib';",
          "import { z } from 'zod';",
          'const OrderPlaced = z.strictObject({ orderId: z.string() });',
          'export async function consume(channel: amqp.Channel) {',
          "  await channel.consume('orders', (msg) => {",
          '    if (!msg) return;',
          '    const event = OrderPlaced.parse(JSON.parse(msg.content.toString()));',
          '    channel.ack(msg);',
          '    return event;',
          '  });',
          '}',
        ),
      }),
      errors: [{ file: 'services/notifications/src/consumer.ts', line: 3, column: 23, message: 'validates consumed messages' }],
      output: { 'services/notifications/src/consumer.ts': lines(
        "import * as amqp from 'amqplib';",
        "import { z } from 'zod';",
        'const OrderPlaced = z.object({ orderId: z.string() });',
        'export async function consume(channel: amqp.Channel) {',
        "  await channel.consume('orders', (msg) => {",
        '    if (!msg) return;',
        '    const event = OrderPlaced.parse(JSON.parse(msg.content.toString()));',
        '    channel.ack(msg);',
        '    return event;',
        '  });',
        '}',
      ) },
    },
    {
      name: "a contract package's schema made strict in the consumer (`Imported.strict()`)",
      files: {
        'packages/contracts/package.json': JSON.stringify({ name: '@shop/contracts' }),
        'packages/contracts/src/index.ts': lines("import { z } from 'zod';", 'export const ItemSchema = z.object({ sku: z.string() });'),
        ...service('orders', {
          'inventory.client.ts': INVENTORY_CLIENT,
          'a.ts': lines(
            "import { ItemSchema } from '../../../packages/contracts/src/index';",
            "import { getItem } from './inventory.client';",
            'const StrictItem = ItemSchema.strict();',
            'export const load = async (sku: string) => StrictItem.parse(await getItem(sku));',
          ),
        }),
      },
      errors: [{ file: 'services/orders/src/a.ts', line: 3, column: 31, message: '`.strict()` makes `StrictItem`' }],
      output: {
        'services/orders/src/a.ts': lines(
          "import { ItemSchema } from '../../../packages/contracts/src/index';",
          "import { getItem } from './inventory.client';",
          'const StrictItem = ItemSchema;',
          'export const load = async (sku: string) => StrictItem.parse(await getItem(sku));',
        ),
      },
    },
    {
      name: 'a Joi object (strict by default) validating kafka messages: the fix adds .unknown(true)',
      files: service('billing', {
        'consumer.ts': lines(
          "import Joi from 'joi';",
          "import { Kafka } from 'kafkajs';",
          'const Invoice = Joi.object({ id: Joi.string().required() });',
          "const consumer = new Kafka({ brokers: ['kafka:9092'] }).consumer({ groupId: 'billing' });",
          'export async function run() {',
          '  await consumer.run({',
          '    eachMessage: async ({ message }) => {',
          "      const { error } = Invoice.validate(JSON.parse(message.value?.toString() ?? '{}'));",
          '      if (error) throw error;',
          '    },',
          '  });',
          '}',
        ),
      }),
      errors: [{ file: 'services/billing/src/consumer.ts', line: 3, column: 17, message: '`Joi.object()` makes `Invoice` reject unknown fields' }],
      output: { 'services/billing/src/consumer.ts': lines(
        "import Joi from 'joi';",
        "import { Kafka } from 'kafkajs';",
        'const Invoice = Joi.object({ id: Joi.string().required() }).unknown(true);',
        "const consumer = new Kafka({ brokers: ['kafka:9092'] }).consumer({ groupId: 'billing' });",
        'export async function run() {',
        '  await consumer.run({',
        '    eachMessage: async ({ message }) => {',
        "      const { error } = Invoice.validate(JSON.parse(message.value?.toString() ?? '{}'));",
        '      if (error) throw error;',
        '    },',
        '  });',
        '}',
      ) },
    },
    {
      name: 'a strict ValidationPipe on a NestJS event handler (consumed messages); the fix drops the option',
      files: service('notifications', {
        'events.controller.ts': lines(
          "import { Controller, UsePipes, ValidationPipe } from '@nestjs/common';",
          "import { EventPattern, Payload } from '@nestjs/microservices';",
          'class OrderPlaced { orderId!: string; }',
          '@Controller()',
          'export class EventsController {',
          "  @EventPattern('order.placed')",
          '  @UsePipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true }))',
          '  placed(@Payload() event: OrderPlaced) { return event.orderId; }',
          '}',
        ),
      }),
      errors: [{ file: 'services/notifications/src/events.controller.ts', line: 7, column: 51, message: '`forbidNonWhitelisted: true` makes this validation reject unknown fields, and it validates consumed messages' }],
      output: {
        'services/notifications/src/events.controller.ts': lines(
          "import { Controller, UsePipes, ValidationPipe } from '@nestjs/common';",
          "import { EventPattern, Payload } from '@nestjs/microservices';",
          'class OrderPlaced { orderId!: string; }',
          '@Controller()',
          'export class EventsController {',
          "  @EventPattern('order.placed')",
          '  @UsePipes(new ValidationPipe({ whitelist: true }))',
          '  placed(@Payload() event: OrderPlaced) { return event.orderId; }',
          '}',
        ),
      },
    },
    {
      name: 'ajv `additionalProperties: false` on an axios response; yup .noUnknown(); class-validator forbidNonWhitelisted',
      files: service('orders', {
        'a.ts': lines(
          "import Ajv from 'ajv';",
          "import axios from 'axios';",
          "import * as yup from 'yup';",
          "import { validate } from 'class-validator';",
          'const ajv = new Ajv();',
          "const checkItem = ajv.compile({ type: 'object', additionalProperties: false, properties: { sku: { type: 'string' } } });",
          'const Price = yup.object({ amount: yup.number() }).noUnknown();',
          'export async function load(sku: string) {',
          '  const { data } = await axios.get(`http://inventory:3000/items/${sku}`, { timeout: 2000 });',
          '  checkItem(data);',
          '  await Price.validate(data);',
          '  await validate(data, { whitelist: true, forbidNonWhitelisted: true });',
          '}',
        ),
      }),
      errors: [
        { file: 'services/orders/src/a.ts', line: 6, column: 49, message: '`additionalProperties: false`' },
        { file: 'services/orders/src/a.ts', line: 7, column: 52, message: '`.noUnknown()` makes `Price`' },
        { file: 'services/orders/src/a.ts', line: 12, column: 43, message: '`forbidNonWhitelisted: true` makes this validation' },
      ],
      output: {
        'services/orders/src/a.ts': lines(
          "import Ajv from 'ajv';",
          "import axios from 'axios';",
          "import * as yup from 'yup';",
          "import { validate } from 'class-validator';",
          'const ajv = new Ajv();',
          "const checkItem = ajv.compile({ type: 'object', properties: { sku: { type: 'string' } } });",
          'const Price = yup.object({ amount: yup.number() });',
          'export async function load(sku: string) {',
          '  const { data } = await axios.get(`http://inventory:3000/items/${sku}`, { timeout: 2000 });',
          '  checkItem(data);',
          '  await Price.validate(data);',
          '  await validate(data, { whitelist: true });',
          '}',
        ),
      },
    },
  ],
});

docExamples(rule);
