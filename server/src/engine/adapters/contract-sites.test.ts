import { describe, expect, it } from 'vitest';
import { factsOf, slice } from '../facts/testing.js';

function sites(text: string) {
  return factsOf(text).contractSites.map((site) => [site.kind, site.library, slice(text, site.value), ...(site.typeAnnotation ? [slice(text, site.typeAnnotation)] : []), ...(site.serialized ? ['serialized'] : [])]);
}

describe('HTTP response and request bodies', () => {
  it('reads express handlers declared on a router, and handlers typed with express types anywhere', () => {
    const text = [
      "import { Router, type Request, type Response } from 'express';",
      'const router = Router();',
      "router.get('/a/:id', async (req, res) => {",
      "  if (!req.body) { res.status(404).json({ error: 'x' }); return; }",
      '  res.json(await load(req.params.id));',
      '});',
      'export function handler(req: Request, res: Response) { res.send(req.body.name); }',
      'export function notAHandler(res: { json(x: unknown): void }) { res.json(1); }',
      'declare function load(id: string): Promise<unknown>;',
    ].join('\n');
    expect(sites(text)).toEqual([
      ['request', 'express', 'req.body'],
      ['response', 'express', "{ error: 'x' }"],
      ['response', 'express', 'await load(req.params.id)'],
      ['response', 'express', 'req.body.name'],
      ['request', 'express', 'req.body'],
    ]);
  });

  it('reads fastify (reply.send and what an async handler returns), koa (ctx.body) and hono (c.json)', () => {
    const text = [
      "import Fastify from 'fastify';",
      "import Router from '@koa/router';",
      "import { Hono } from 'hono';",
      'const app = Fastify();',
      "app.get('/b', async (request, reply) => { if (request.body) return reply.code(400).send({ e: 1 }); return { ok: true }; });",
      'const router = new Router();',
      "router.get('/c', async (ctx) => { ctx.body = { n: ctx.request.body }; });",
      'const h = new Hono();',
      "h.post('/d', async (c) => { const b = await c.req.json(); return c.json({ b }, 201); });",
    ].join('\n');
    expect(sites(text)).toEqual([
      ['request', 'fastify', 'request.body'],
      ['response', 'fastify', '{ e: 1 }'],
      ['response', 'fastify', '{ ok: true }'],
      ['response', 'koa', '{ n: ctx.request.body }'],
      ['request', 'koa', 'ctx.request.body'],
      ['request', 'hono', 'c.req.json()'],
      ['response', 'hono', '{ b }'],
    ]);
  });

  it('reads Nest handlers: returns with the declared return type, @Body() parameters, and @Res() responses', () => {
    const text = [
      "import { Body, Controller, Get, Post, Res } from '@nestjs/common';",
      "import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';",
      "import type { Response } from 'express';",
      "@Controller('e')",
      'export class E {',
      "  @Get(':id') async one(): Promise<OrderDto> { return load(); }",
      '  @Post() create(@Body() body: CreateDto) { return body; }',
      "  @Get('raw') raw(@Res() res: Response) { res.json([1]); }",
      "  @MessagePattern('get') get(@Payload() id: string) { return { id }; }",
      "  @EventPattern('placed') placed(@Payload() event: object) { return event; }",
      '}',
      'declare function load(): Promise<OrderDto>;',
      'interface OrderDto { id: string }',
      'class CreateDto {}',
    ].join('\n');
    expect(sites(text)).toEqual([
      ['response', 'nestjs', 'load()', 'Promise<OrderDto>'],
      ['request', 'nestjs', 'body', 'CreateDto'],
      ['response', 'nestjs', 'body'],
      ['response', 'express', '[1]'],
      ['request', 'nestjs', 'id', 'string'],
      ['response', 'nestjs', '{ id }'],
    ]);
  });
});

describe('message payloads', () => {
  it('takes each library’s payload argument, seen through JSON.stringify and Buffer.from', () => {
    const text = [
      "import * as amqp from 'amqplib';",
      "import { Queue } from 'bullmq';",
      "import { Kafka } from 'kafkajs';",
      "const q = new Queue('emails');",
      "const producer = new Kafka({ brokers: [] }).producer();",
      'export async function publish(channel: amqp.Channel, event: { id: string }) {',
      "  channel.publish('orders', 'order.placed', Buffer.from(JSON.stringify(event)));",
      '  const body = JSON.stringify({ a: 1 });',
      "  channel.sendToQueue('q', Buffer.from(body));",
      "  await q.add('job', { to: 'x' });",
      "  await producer.send({ topic: 't', messages: [{ key: 'k', value: JSON.stringify(event) }] });",
      '}',
    ].join('\n');
    expect(sites(text)).toEqual([
      ['message', 'amqplib', 'event', 'serialized'],
      ['message', 'amqplib', '{ a: 1 }', 'serialized'],
      ['message', 'bullmq', "{ to: 'x' }"],
      ['message', 'kafkajs', 'event', 'serialized'],
    ]);
  });
});
