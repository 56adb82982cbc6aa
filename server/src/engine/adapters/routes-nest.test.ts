import { describe, expect, it } from 'vitest';
import { NEUTRAL_VERSION } from '../facts/endpoint-types.js';
import { factsOf, slice } from '../facts/testing.js';
import { routesOf } from './routes-testing.js';

describe('NestJS controllers', () => {
  it('joins the controller prefix and method paths; the handler is the method', () => {
    const text = [
      "import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';",
      "@Controller('orders')",
      'export class OrdersController {',
      '  @Post()',
      '  @HttpCode(201)',
      '  create(@Body() body: unknown) { return body; }',
      '',
      "  @Get(':id')",
      "  findOne(@Param('id') id: string) { return id; }",
      '',
      "  @Get(['by-customer/:customerId', 'customers/:customerId'])",
      '  byCustomer() { return []; }',
      '',
      "  @Delete('{:id}/')",
      '  remove() {}',
      '',
      '  helper() {}',
      '}',
    ].join('\n');
    expect(routesOf(text).map((row) => [row.method, row.path, row.handler])).toEqual([
      ['POST', '/orders', 'OrdersController.create'],
      ['GET', '/orders/:id', 'OrdersController.findOne'],
      ['GET', '/orders/by-customer/:customerId', 'OrdersController.byCustomer'],
      ['GET', '/orders/customers/:customerId', 'OrdersController.byCustomer'],
      // Nest 11 (path-to-regexp 8): `{…}` is an optional part.
      ['DELETE', '/orders/:id', 'OrdersController.remove'],
      ['DELETE', '/orders', 'OrdersController.remove'],
    ]);
    const [create] = factsOf(text).endpoints;
    expect(slice(text, create!)).toBe('@Post()\n  @HttpCode(201)\n  create(@Body() body: unknown) { return body; }');
    expect(create!.handler).toEqual({ functionId: 'OrdersController.create', span: { start: create!.start, end: create!.end } });
    expect(create!.router).toBeUndefined();
  });

  it('records controller and method versions, VERSION_NEUTRAL included', () => {
    const text = [
      "import { All, Controller, Get, Head, Options, Patch, Put, Version, VERSION_NEUTRAL } from '@nestjs/common';",
      "@Controller({ path: 'items', version: ['1', '2'] })",
      'export class ItemsController {',
      '  @Get() list() {}',
      "  @Version('3') @Put(':id') replace() {}",
      '  @Version(VERSION_NEUTRAL) @Patch(":id") update() {}',
      '  @Head() @Options() @All("any") probe() {}',
      '}',
      '@Controller()',
      'export class RootController { @Get() root() {} }',
    ].join('\n');
    expect(factsOf(text).endpoints.map((e) => [e.method, e.path, e.version])).toEqual([
      ['GET', '/items', ['1', '2']],
      ['PUT', '/items/:id', ['3']],
      ['PATCH', '/items/:id', [NEUTRAL_VERSION]],
      ['HEAD', '/items', ['1', '2']],
      ['OPTIONS', '/items', ['1', '2']],
      ['ALL', '/items/any', ['1', '2']],
      ['GET', '/', undefined],
    ]);
  });

  it('reads message and event patterns, objects as canonical JSON', () => {
    const text = [
      "import { Controller } from '@nestjs/common';",
      "import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';",
      "import { PATTERNS } from './patterns';",
      "const ROLE = 'tickets';",
      '@Controller()',
      'export class TicketsController {',
      "  @MessagePattern('get_ticket') getTicket(@Payload() id: string) { return id; }",
      "  @MessagePattern({ role: ROLE, cmd: 'create' }) create(@Payload() data: unknown) { return data; }",
      "  @EventPattern('order.placed') onOrderPlaced(@Payload() event: unknown) { return event; }",
      '  @MessagePattern(PATTERNS.refund) refund(@Payload() id: string) { return id; }',
      '}',
    ].join('\n');
    expect(factsOf(text).endpoints.map((e) => [e.kind, e.pattern ?? slice(text, e.patternSpan!), e.handler?.functionId])).toEqual([
      ['rpc', 'get_ticket', 'TicketsController.getTicket'],
      ['rpc', '{"cmd":"create","role":"tickets"}', 'TicketsController.create'],
      ['event', 'order.placed', 'TicketsController.onOrderPlaced'],
      ['rpc', 'PATTERNS.refund', 'TicketsController.refund'],
    ]);
  });

  it('needs the decorators to come from Nest and the class to be a controller', () => {
    const text = [
      "import { Get } from '@nestjs/common';",
      "const Controller = (_path: string) => (_target: unknown) => undefined;",
      "@Controller('fake')",
      "export class NotNest { @Get('x') x() {} }",
      'export class NoController { @Get() y() {} }',
    ].join('\n');
    expect(factsOf(text).endpoints).toEqual([]);
  });
});

describe('NestJS bootstrap settings', () => {
  it('reads setGlobalPrefix with exclusions and enableVersioning', () => {
    const text = [
      "import { NestFactory } from '@nestjs/core';",
      "import { RequestMethod, VersioningType, type INestApplication } from '@nestjs/common';",
      "import { AppModule } from './app.module';",
      'async function bootstrap() {',
      '  const app = await NestFactory.create(AppModule);',
      "  app.setGlobalPrefix('api/', { exclude: ['health', { path: 'metrics', method: RequestMethod.GET }] });",
      "  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });",
      '  await app.listen(3000);',
      '}',
      'function configure(app: INestApplication) {',
      "  app.enableVersioning({ type: VersioningType.HEADER, header: 'X-Version' });",
      '  app.enableVersioning();',
      "  app.enableVersioning({ type: VersioningType.URI, prefix: false });",
      '}',
      "const notNest = { setGlobalPrefix(_p: string) {} };",
      "notNest.setGlobalPrefix('nope');",
    ].join('\n');
    expect(factsOf(text).globalPrefixes.map(({ start: _start, end: _end, ...fact }) => fact)).toEqual([
      { framework: 'nestjs', prefix: '/api', exclude: ['/health', '/metrics'] },
      { framework: 'nestjs', versioning: { type: 'uri', prefix: 'v', defaultVersion: ['1'] } },
      { framework: 'nestjs', versioning: { type: 'header', prefix: 'v' } },
      { framework: 'nestjs', versioning: { type: 'uri', prefix: 'v' } },
      { framework: 'nestjs', versioning: { type: 'uri', prefix: '' } },
    ]);
  });

  it('reads gRPC handlers: ts-proto class decorators (every public method) and @GrpcMethod', () => {
    const text = [
      "import { Controller } from '@nestjs/common';",
      "import { GrpcMethod } from '@nestjs/microservices';",
      "import { PaymentsServiceControllerMethods } from '@app/common';",
      '@Controller()',
      '@PaymentsServiceControllerMethods()',
      'export class PaymentsController {',
      '  async createCharge(data: unknown) { return data; }',
      '  private audit() {}',
      '}',
      '@Controller()',
      'export class HeroesController {',
      "  @GrpcMethod('HeroesService', 'FindOne') findOne() { return {}; }",
      "  @GrpcMethod('HeroesService') list() { return []; }",
      '  helper() {}',
      '}',
    ].join('\n');
    expect(factsOf(text).endpoints.map((endpoint) => [endpoint.kind, endpoint.pattern])).toEqual([
      ['rpc', 'PaymentsService/CreateCharge'],
      ['rpc', 'HeroesService/FindOne'],
      ['rpc', 'HeroesService/List'],
    ]);
  });
});
