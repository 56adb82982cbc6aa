import { describe, expect, it } from 'vitest';
import { factsOf, slice } from '../facts/testing.js';

/** [sink, library, value text, port text] */
function sinks(text: string): Array<[string, string, string, string | undefined]> {
  return factsOf(text).endpointSinks.map((fact) => [fact.sink, fact.library, slice(text, fact.value), fact.port && slice(text, fact.port)]);
}

describe('amqplib', () => {
  it('finds connect(url) and connect({ hostname, port }) under every import form', () => {
    const text = [
      "import * as amqp from 'amqplib';",
      "import { connect as amqpConnect } from 'amqplib';",
      "const callbackApi = require('amqplib/callback_api');",
      "const conn = await amqp.connect('amqp://guest:guest@rabbitmq:5672');",
      "await amqpConnect({ protocol: 'amqp', hostname: 'rabbitmq.internal', port: 5672 });",
      'callbackApi.connect(process.env.AMQP_URL, (err, connection) => {});',
    ].join('\n');
    expect(sinks(text)).toEqual([
      ['broker', 'amqplib', "'amqp://guest:guest@rabbitmq:5672'", undefined],
      ['broker', 'amqplib', "'rabbitmq.internal'", '5672'],
      ['broker', 'amqplib', 'process.env.AMQP_URL', undefined],
    ]);
    const fact = factsOf(text).endpointSinks[0]!;
    expect(slice(text, fact)).toBe("amqp.connect('amqp://guest:guest@rabbitmq:5672')");
  });

  it('does not take a local function named connect', () => {
    const text = [
      "import { Channel } from 'amqplib';",
      'function connect(url: string) { return db.open(url); }',
      "connect('amqp://rabbitmq:5672');",
      "const ws = { connect: (u: string) => u };",
      "ws.connect('amqp://rabbitmq:5672');",
    ].join('\n');
    expect(sinks(text)).toEqual([]);
  });
});

describe('kafkajs', () => {
  it('finds each broker of new Kafka({ brokers })', () => {
    const text = [
      "import { Kafka } from 'kafkajs';",
      "const kafka = new Kafka({ clientId: 'orders', brokers: ['kafka-1:9092', 'kafka-2:9092'] });",
    ].join('\n');
    expect(sinks(text)).toEqual([
      ['broker', 'kafkajs', "'kafka-1:9092'", undefined],
      ['broker', 'kafkajs', "'kafka-2:9092'", undefined],
    ]);
    expect(slice(text, factsOf(text).endpointSinks[0]!)).toBe("new Kafka({ clientId: 'orders', brokers: ['kafka-1:9092', 'kafka-2:9092'] })");
  });

  it('follows brokers through a local constant array, and keeps a computed list as written', () => {
    const text = [
      "const { Kafka } = require('kafkajs');",
      "const BROKERS = ['kafka:29092'];",
      "new Kafka({ clientId: 'a', brokers: BROKERS });",
      "new Kafka({ clientId: 'b', brokers: process.env.KAFKA_BROKERS!.split(',') });",
    ].join('\n');
    expect(sinks(text).map(([, , value]) => value)).toEqual(["'kafka:29092'", "process.env.KAFKA_BROKERS!.split(',')"]);
  });
});

describe('Redis: BullMQ, Bull, ioredis, node-redis', () => {
  it('finds BullMQ connection settings and ioredis clients as cache sinks', () => {
    const text = [
      "import { Queue, Worker } from 'bullmq';",
      "import IORedis from 'ioredis';",
      "const queue = new Queue('emails', { connection: { host: 'redis', port: 6379 } });",
      "const connection = new IORedis('redis://cache:6379', { maxRetriesPerRequest: null });",
      "const worker = new Worker('emails', async () => {}, { connection });",
      'const other = new IORedis(6380, "10.0.0.5");',
    ].join('\n');
    expect(sinks(text)).toEqual([
      ['cache', 'bullmq', "'redis'", '6379'],
      ['cache', 'ioredis', "'redis://cache:6379'", undefined],
      ['cache', 'ioredis', '"10.0.0.5"', '6380'],
    ]);
  });

  it('finds node-redis createClient({ url }) and Bull queues', () => {
    const text = [
      "import { createClient } from 'redis';",
      "import Queue from 'bull';",
      "const client = createClient({ url: 'redis://localhost:6379' });",
      "const socketClient = createClient({ socket: { host: 'cache.internal', port: 6379 } });",
      "const jobs = new Queue('jobs', 'redis://127.0.0.1:6379');",
    ].join('\n');
    expect(sinks(text)).toEqual([
      ['cache', 'redis', "'redis://localhost:6379'", undefined],
      ['cache', 'redis', "'cache.internal'", '6379'],
      ['cache', 'bull', "'redis://127.0.0.1:6379'", undefined],
    ]);
  });
});

describe('NestJS microservices', () => {
  it('finds client transports in ClientsModule.register and ClientProxyFactory.create', () => {
    const text = [
      "import { ClientsModule, ClientProxyFactory, Transport } from '@nestjs/microservices';",
      'ClientsModule.register([',
      "  { name: 'BILLING', transport: Transport.RMQ, options: { urls: ['amqp://rabbitmq:5672'], queue: 'billing' } },",
      "  { name: 'INVENTORY', options: { host: 'inventory', port: 4000 } },",
      "  { name: 'EVENTS', transport: Transport.KAFKA, options: { client: { brokers: ['kafka:9092'] } } },",
      ']);',
      "ClientProxyFactory.create({ transport: Transport.TCP, options: { host: 'pricing', port: 4001 } });",
    ].join('\n');
    expect(sinks(text)).toEqual([
      ['message-client', '@nestjs/microservices', "'amqp://rabbitmq:5672'", undefined],
      ['message-client', '@nestjs/microservices', "'inventory'", '4000'],
      ['message-client', '@nestjs/microservices', "'kafka:9092'", undefined],
      ['message-client', '@nestjs/microservices', "'pricing'", '4001'],
    ]);
  });

  it('takes broker options of a microservice server as broker sinks, and skips TCP bind addresses', () => {
    const text = [
      "import { NestFactory } from '@nestjs/core';",
      "import { Transport, type MicroserviceOptions } from '@nestjs/microservices';",
      "const rmq: MicroserviceOptions = { transport: Transport.RMQ, options: { urls: ['amqp://rabbitmq:5672'], queue: 'orders' } };",
      'const app = await NestFactory.createMicroservice(AppModule, rmq);',
      "app.connectMicroservice({ transport: Transport.TCP, options: { host: '0.0.0.0', port: 4000 } });",
    ].join('\n');
    expect(sinks(text)).toEqual([['broker', '@nestjs/microservices', "'amqp://rabbitmq:5672'", undefined]]);
  });

  it('does not take a transport option that is not Nest’s', () => {
    const text = "const Transport = { RMQ: 5 };\nconst options = { transport: Transport.RMQ, options: { urls: ['amqp://x:5672'] } };";
    expect(sinks(text)).toEqual([]);
  });
});
