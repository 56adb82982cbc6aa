import { describe, expect, it } from 'vitest';
import { factsOf, slice } from '../facts/testing.js';

function entrypoints(text: string): Array<[string, string, string]> {
  return factsOf(text).entrypoints.map((fact) => [fact.kind, fact.library, slice(text, fact)]);
}

describe('HTTP servers', () => {
  it('finds express().listen through local variables, with the listen call as the span', () => {
    const text = [
      "import express from 'express';",
      'const app = express();',
      "app.get('/items/:id', (req, res) => res.json({}));",
      'app.listen(3000, () => console.log("up"));',
    ].join('\n');
    expect(entrypoints(text)).toEqual([['http-server', 'express', 'app.listen(3000, () => console.log("up"))']]);
  });

  it('finds fastify, koa, node http and require()d express', () => {
    const text = [
      "import Fastify from 'fastify';",
      "import Koa from 'koa';",
      "import * as http from 'node:http';",
      "const express = require('express');",
      'const fastify = Fastify({ logger: true });',
      'await fastify.listen({ port: 3000, host: "0.0.0.0" });',
      'const koa = new Koa();',
      'koa.listen(3001);',
      'const server = http.createServer(express());',
      'server.listen(3002);',
      "require('express')().listen(3003);",
    ].join('\n');
    expect(entrypoints(text)).toEqual([
      ['http-server', 'fastify', 'fastify.listen({ port: 3000, host: "0.0.0.0" })'],
      ['http-server', 'koa', 'koa.listen(3001)'],
      ['http-server', 'node-http', 'server.listen(3002)'],
      ['http-server', 'express', "require('express')().listen(3003)"],
    ]);
  });

  it('follows an app returned by a local factory function', () => {
    const text = [
      "import express from 'express';",
      'function createApp() {',
      '  const app = express();',
      '  app.use(express.json());',
      '  return app;',
      '}',
      'createApp().listen(8080);',
    ].join('\n');
    expect(entrypoints(text)).toEqual([['http-server', 'express', 'createApp().listen(8080)']]);
  });

  it('finds hono served by @hono/node-server', () => {
    const text = [
      "import { Hono } from 'hono';",
      "import { serve } from '@hono/node-server';",
      'const app = new Hono();',
      'serve({ fetch: app.fetch, port: 8787 });',
    ].join('\n');
    expect(entrypoints(text)).toEqual([['http-server', 'hono', 'serve({ fetch: app.fetch, port: 8787 })']]);
  });

  it('does not take a listen() that is not a server of a known library', () => {
    const text = [
      'function express() { return { listen(port: number) { return port; } }; }',
      'express().listen(3000);',
      "import { EventEmitter } from 'node:events';",
      'new EventEmitter().listen?.(1);',
      'const emitter = { listen() {} };',
      'emitter.listen();',
    ].join('\n');
    expect(entrypoints(text)).toEqual([]);
  });
});

describe('NestJS', () => {
  it('finds NestFactory.create, createMicroservice and connectMicroservice', () => {
    const text = [
      "import { NestFactory } from '@nestjs/core';",
      "import { MicroserviceOptions, Transport } from '@nestjs/microservices';",
      "import { AppModule } from './app.module';",
      'async function bootstrap() {',
      '  const app = await NestFactory.create(AppModule);',
      "  app.connectMicroservice<MicroserviceOptions>({ transport: Transport.RMQ, options: { urls: [process.env.RMQ_URL!], queue: 'orders' } });",
      '  await app.startAllMicroservices();',
      '  await app.listen(3000);',
      '}',
      'async function worker() {',
      '  const micro = await NestFactory.createMicroservice<MicroserviceOptions>(AppModule, { transport: Transport.TCP });',
      '  await micro.listen();',
      '}',
      'bootstrap();',
    ].join('\n');
    expect(entrypoints(text).map(([kind, library, span]) => [kind, library, span.slice(0, 40)])).toEqual([
      ['nest-app', '@nestjs/core', 'NestFactory.create(AppModule)'],
      ['nest-microservice', '@nestjs/core', 'app.connectMicroservice<MicroserviceOpti'],
      ['nest-microservice', '@nestjs/core', 'NestFactory.createMicroservice<Microserv'],
    ]);
  });

  it('does not take a local NestFactory look-alike', () => {
    const text = 'const NestFactory = { create: (m: unknown) => m };\nNestFactory.create({});';
    expect(entrypoints(text)).toEqual([]);
  });
});
