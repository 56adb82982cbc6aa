import rule from './missing-timeout.js';
import { docExamples } from './testing/doc-examples.js';
import { ruleTester, type Files } from './testing/rule-tester.js';

/** Files of one service (`services/<name>/src/<path>`), with its package.json. */
function service(name: string, files: Record<string, string>): Files {
  const out: Files = { [`services/${name}/package.json`]: JSON.stringify({ name: `@shop/${name}` }) };
  for (const [path, text] of Object.entries(files)) out[`services/${name}/src/${path}`] = text;
  return out;
}

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

ruleTester(rule, {
  valid: [
    {
      name: 'fetch with a signal, axios and got with a timeout',
      files: service('orders', {
        'a.ts': lines(
          "import axios from 'axios';",
          "import got from 'got';",
          'export async function load(id: string, controller: AbortController) {',
          '  await fetch(`/items/${id}`, { signal: AbortSignal.timeout(2000) });',
          "  await fetch('/stock', { method: 'POST', signal: controller.signal });",
          "  await axios.get('http://pricing:3000/prices', { timeout: 1500 });",
          "  await got('http://fx/latest', { timeout: { request: 5000 } }).json();",
          '}',
        ),
      }),
    },
    {
      name: 'an instance created with a timeout, used from another module',
      files: service('gateway', {
        'clients.ts': lines("import axios from 'axios';", "export const ordersApi = axios.create({ baseURL: process.env.ORDERS_URL, timeout: 3000 });"),
        'routes.ts': lines("import { ordersApi } from './clients';", "export const list = () => ordersApi.get('/orders');"),
      }),
    },
    {
      name: 'axios.defaults.timeout set in another file of the same service covers calls and instances',
      files: service('inventory', {
        'main.ts': lines("import axios from 'axios';", 'axios.defaults.timeout = 4000;'),
        'pricing.ts': lines(
          "import axios from 'axios';",
          "const api = axios.create({ baseURL: 'http://pricing:3000' });",
          "export const price = (sku: string) => axios.get(`http://pricing:3000/prices/${sku}`);",
          "export const list = () => api.get('/prices');",
        ),
      }),
    },
    {
      name: 'ky keeps its default timeout; undici.request has its own; superagent and unreadable options are not judged',
      files: service('orders', {
        'a.ts': lines(
          "import ky from 'ky';",
          "import { request } from 'undici';",
          "import superagent from 'superagent';",
          'export async function run(init: RequestInit) {',
          "  await ky.get('http://pricing/prices').json();",
          "  await ky.create({ prefixUrl: 'http://inventory' }).get('items');",
          "  await request('http://billing/invoices');",
          "  await superagent.get('http://billing/invoices');",
          "  await fetch('http://billing/invoices', init);",
          '}',
        ),
      }),
    },
    {
      name: 'node http with a timeout option or setTimeout',
      files: service('orders', {
        'a.ts': lines(
          "import http from 'node:http';",
          "http.get('http://inventory/items', { timeout: 2000 }, () => {});",
          "const req = http.request({ host: 'inventory', path: '/items' }, () => {});",
          'req.setTimeout(2000);',
        ),
      }),
    },
    {
      name: 'HttpService calls when the HttpModule is registered with a timeout',
      files: service('orders', {
        'app.module.ts': lines(
          "import { HttpModule } from '@nestjs/axios';",
          "import { Module } from '@nestjs/common';",
          '@Module({ imports: [HttpModule.register({ baseURL: process.env.PAYMENTS_URL, timeout: 5000 })] })',
          'export class AppModule {}',
        ),
        'payments.client.ts': lines(
          "import { HttpService } from '@nestjs/axios';",
          "import { firstValueFrom } from 'rxjs';",
          'export class PaymentsClient {',
          '  constructor(private readonly http: HttpService) {}',
          "  charge(body: unknown) { return firstValueFrom(this.http.post('/payments/charges', body)); }",
          '}',
        ),
      }),
    },
    {
      name: 'a bare HttpModule in a service that makes no HttpService call',
      files: service('orders', {
        'app.module.ts': lines("import { HttpModule } from '@nestjs/axios';", "import { Module } from '@nestjs/common';", '@Module({ imports: [HttpModule] })', 'export class AppModule {}'),
      }),
    },
    {
      name: 'a call through an imported binding that is not an HTTP client',
      files: service('orders', {
        'store.ts': lines('export const store = { get: (key: string, options: object) => [key, options] };'),
        'a.ts': lines("import { store } from './store';", "export const item = () => store.get('/items', { timeout: 0 });"),
      }),
    },
    {
      name: 'a local function called get, and a fetch shadowed by a parameter',
      files: service('orders', {
        'a.ts': lines(
          'const get = (url: string) => url;',
          "export const x = get('http://inventory/items');",
          "export const run = (fetch: (u: string) => Promise<unknown>) => fetch('http://inventory/items');",
        ),
      }),
    },
  ],
  invalid: [
    {
      name: 'fetch without an init object gets one with a signal',
      files: service('orders', { 'a.ts': lines('export async function item(id: string) {', '  return fetch(`http://inventory:3000/items/${id}`);', '}') }),
      errors: [{ file: 'services/orders/src/a.ts', line: 2, column: 10, message: '`GET http://inventory:3000/items/…` has no timeout: a slow `inventory` will hold this request open indefinitely' }],
      output: {
        'services/orders/src/a.ts': lines('export async function item(id: string) {', '  return fetch(`http://inventory:3000/items/${id}`, { signal: AbortSignal.timeout(10000) });', '}'),
      },
    },
    {
      name: 'fetch with a one-line init object',
      files: service('orders', { 'a.ts': lines("export const post = (body: string) => fetch('/orders', { method: 'POST', body });") }),
      errors: [{ file: 'services/orders/src/a.ts', line: 1, column: 39, message: 'Pass `signal: AbortSignal.timeout(ms)`.' }],
      output: { 'services/orders/src/a.ts': lines("export const post = (body: string) => fetch('/orders', { method: 'POST', body, signal: AbortSignal.timeout(10000) });") },
    },
    {
      name: 'fetch with multi-line init objects, with and without a trailing comma',
      files: service('orders', {
        'a.ts': lines(
          'export async function run(body: string) {',
          "  await fetch('/a', {",
          "    method: 'POST',",
          '    body,',
          '  });',
          "  await fetch('/b', {",
          "    method: 'PUT' // replace",
          '  });',
          '}',
        ),
      }),
      errors: [
        { file: 'services/orders/src/a.ts', line: 2, column: 9 },
        { file: 'services/orders/src/a.ts', line: 6, column: 9 },
      ],
      output: {
        'services/orders/src/a.ts': lines(
          'export async function run(body: string) {',
          "  await fetch('/a', {",
          "    method: 'POST',",
          '    body,',
          '    signal: AbortSignal.timeout(10000),',
          '  });',
          "  await fetch('/b', {",
          "    method: 'PUT', // replace",
          '    signal: AbortSignal.timeout(10000)',
          '  });',
          '}',
        ),
      },
    },
    {
      name: 'axios calls get a config object at the right argument position, with the configured timeout',
      options: { defaultTimeoutMs: 2500 },
      files: service('inventory', {
        'pricing.ts': lines(
          "import axios from 'axios';",
          "const PRICING_URL = 'http://pricing:3000';",
          'export async function getPrice(sku: string, body: unknown) {',
          '  const { data } = await axios.get(`${PRICING_URL}/prices/${sku}`);',
          "  await axios.post('/quotes', body);",
          "  await axios.delete('/quotes/1', { headers: {} });",
          '  return data;',
          '}',
        ),
      }),
      errors: [
        { file: 'services/inventory/src/pricing.ts', line: 4, column: 26, message: '`GET http://pricing:3000/prices/…` has no timeout: a slow `pricing` will hold this request open' },
        { file: 'services/inventory/src/pricing.ts', line: 5, column: 9, message: 'Pass `timeout: ms` (or set a default timeout for `axios` once in the service).' },
        { file: 'services/inventory/src/pricing.ts', line: 6, column: 9 },
      ],
      output: {
        'services/inventory/src/pricing.ts': lines(
          "import axios from 'axios';",
          "const PRICING_URL = 'http://pricing:3000';",
          'export async function getPrice(sku: string, body: unknown) {',
          '  const { data } = await axios.get(`${PRICING_URL}/prices/${sku}`, { timeout: 2500 });',
          "  await axios.post('/quotes', body, { timeout: 2500 });",
          "  await axios.delete('/quotes/1', { headers: {}, timeout: 2500 });",
          '  return data;',
          '}',
        ),
      },
    },
    {
      name: 'axios.post without a body gets undefined before its config',
      files: service('orders', { 'a.ts': lines("import axios from 'axios';", "export const ping = () => axios.post('http://billing/ping');") }),
      errors: [{ file: 'services/orders/src/a.ts', line: 2, column: 27 }],
      output: { 'services/orders/src/a.ts': lines("import axios from 'axios';", "export const ping = () => axios.post('http://billing/ping', undefined, { timeout: 10000 });") },
    },
    {
      name: 'an axios instance without a timeout is reported once, at axios.create, not at its uses',
      files: service('gateway', {
        'clients.ts': lines(
          "import axios from 'axios';",
          'export const ordersApi = axios.create({',
          "  baseURL: process.env.ORDERS_URL ?? 'http://orders:3000',",
          "  headers: { 'x-caller': 'gateway' },",
          '});',
          'export const bare = axios.create();',
        ),
        'routes.ts': lines(
          "import { ordersApi } from './clients';",
          "export const a = () => ordersApi.get('/orders');",
          "export const b = () => ordersApi.post('/orders', {});",
        ),
      }),
      errors: [
        { file: 'services/gateway/src/clients.ts', line: 2, column: 26, message: '`axios.create(…)` creates a client for `http://orders:3000` without a timeout: every request through it waits indefinitely on a slow `orders`' },
        { file: 'services/gateway/src/clients.ts', line: 6, column: 21, message: 'Add `timeout: ms`' },
      ],
      output: {
        'services/gateway/src/clients.ts': lines(
          "import axios from 'axios';",
          'export const ordersApi = axios.create({',
          "  baseURL: process.env.ORDERS_URL ?? 'http://orders:3000',",
          "  headers: { 'x-caller': 'gateway' },",
          '  timeout: 10000,',
          '});',
          'export const bare = axios.create({ timeout: 10000 });',
        ),
      },
    },
    {
      name: 'axios.defaults.timeout in another service does not count',
      files: {
        ...service('payments', { 'main.ts': lines("import axios from 'axios';", 'axios.defaults.timeout = 4000;') }),
        ...service('inventory', { 'pricing.ts': lines("import axios from 'axios';", "export const price = () => axios.get('http://pricing:3000/prices');") }),
      },
      errors: [{ file: 'services/inventory/src/pricing.ts', line: 2, column: 28 }],
      output: { 'services/inventory/src/pricing.ts': lines("import axios from 'axios';", "export const price = () => axios.get('http://pricing:3000/prices', { timeout: 10000 });") },
    },
    {
      name: 'timeout: 0 means never, on a call, an instance, the axios defaults and an imported instance',
      files: service('orders', {
        'clients.ts': lines("import axios from 'axios';", "export const api = axios.create({ baseURL: 'http://billing', timeout: 5000 });", 'axios.defaults.timeout = 0;', 'export const slow = axios.create({ timeout: 0 });'),
        'a.ts': lines("import axios from 'axios';", "import { api } from './clients';", "export const a = () => axios.get('/a', { timeout: 0 });", "export const b = () => api.get('/b', { timeout: 0 });"),
      }),
      errors: [
        { file: 'services/orders/src/a.ts', line: 3, column: 24, message: '`GET /a` sets `timeout: 0`, which means no timeout' },
        { file: 'services/orders/src/a.ts', line: 4, column: 24, message: '`GET /b` sets `timeout: 0`' },
        { file: 'services/orders/src/clients.ts', line: 3, column: 1, message: '`axios.defaults.timeout = 0`, which means no timeout: a slow server will hold every request that sets no timeout of its own open indefinitely' },
        { file: 'services/orders/src/clients.ts', line: 4, column: 21, message: '`axios.create(…)` sets `timeout: 0`, which means no timeout' },
      ],
      output: {
        'services/orders/src/a.ts': lines("import axios from 'axios';", "import { api } from './clients';", "export const a = () => axios.get('/a', { timeout: 10000 });", "export const b = () => api.get('/b', { timeout: 10000 });"),
        'services/orders/src/clients.ts': lines("import axios from 'axios';", "export const api = axios.create({ baseURL: 'http://billing', timeout: 5000 });", 'axios.defaults.timeout = 10000;', 'export const slow = axios.create({ timeout: 10000 });'),
      },
    },
    {
      name: 'got calls and got.extend instances without a timeout',
      files: service('pricing', {
        'fx.ts': lines(
          "import got from 'got';",
          "const api = got.extend({ prefixUrl: 'http://fx' });",
          "export const rates = () => got('https://api.frankfurter.app/latest').json();",
          "export const other = () => api.get('rates').json();",
          "export const zero = () => got.post('http://fx/x', { timeout: { request: 0 } });",
        ),
      }),
      errors: [
        { file: 'services/pricing/src/fx.ts', line: 2, column: 13, message: 'Add `timeout: { request: ms }`' },
        { file: 'services/pricing/src/fx.ts', line: 3, column: 28, message: 'Pass `timeout: { request: ms }`.' },
        { file: 'services/pricing/src/fx.ts', line: 5, column: 27, message: 'sets `request: 0`' },
      ],
      output: {
        'services/pricing/src/fx.ts': lines(
          "import got from 'got';",
          "const api = got.extend({ prefixUrl: 'http://fx', timeout: { request: 10000 } });",
          "export const rates = () => got('https://api.frankfurter.app/latest', { timeout: { request: 10000 } }).json();",
          "export const other = () => api.get('rates').json();",
          "export const zero = () => got.post('http://fx/x', { timeout: { request: 10000 } });",
        ),
      },
    },
    {
      name: 'ky with timeout: false',
      files: service('orders', { 'a.ts': lines("import ky from 'ky';", "export const a = () => ky.get('http://inventory/items', { timeout: false }).json();") }),
      errors: [{ file: 'services/orders/src/a.ts', line: 2, column: 24, message: 'sets `timeout: false`, which means no timeout' }],
      output: { 'services/orders/src/a.ts': lines("import ky from 'ky';", "export const a = () => ky.get('http://inventory/items', { timeout: 10000 }).json();") },
    },
    {
      name: 'HttpService calls when the HttpModule is imported bare: reported once, at HttpModule',
      files: service('orders', {
        'app.module.ts': lines(
          "import { HttpModule } from '@nestjs/axios';",
          "import { Module } from '@nestjs/common';",
          '@Module({',
          '  imports: [HttpModule],',
          '})',
          'export class AppModule {}',
        ),
        'payments.client.ts': lines(
          "import { HttpService } from '@nestjs/axios';",
          "import { firstValueFrom } from 'rxjs';",
          'export class PaymentsClient {',
          '  constructor(private readonly http: HttpService) {}',
          "  charge(body: unknown) { return firstValueFrom(this.http.post('/payments/charges', body)); }",
          "  list() { return firstValueFrom(this.http.get('/payments')); }",
          '}',
        ),
      }),
      errors: [
        {
          file: 'services/orders/src/app.module.ts',
          line: 4,
          column: 13,
          message: '`HttpModule` is registered without a timeout, so the 2 HTTP calls made through it wait indefinitely',
          related: ['services/orders/src/payments.client.ts:5', 'services/orders/src/payments.client.ts:6'],
        },
      ],
      output: {
        'services/orders/src/app.module.ts': lines(
          "import { HttpModule } from '@nestjs/axios';",
          "import { Module } from '@nestjs/common';",
          '@Module({',
          '  imports: [HttpModule.register({ timeout: 10000 })],',
          '})',
          'export class AppModule {}',
        ),
      },
    },
    {
      name: 'HttpModule.register without a timeout',
      files: service('orders', {
        'app.module.ts': lines(
          "import { HttpModule, HttpService } from '@nestjs/axios';",
          "import { Module } from '@nestjs/common';",
          "@Module({ imports: [HttpModule.register({ baseURL: 'http://payments:3000' })] })",
          'export class AppModule {}',
          'export class Client {',
          '  constructor(private readonly http: HttpService) {}',
          "  ping() { return this.http.get('/health'); }",
          '}',
        ),
      }),
      errors: [{ file: 'services/orders/src/app.module.ts', line: 3, column: 21, message: 'so the HTTP call made through it waits indefinitely' }],
      output: {
        'services/orders/src/app.module.ts': lines(
          "import { HttpModule, HttpService } from '@nestjs/axios';",
          "import { Module } from '@nestjs/common';",
          "@Module({ imports: [HttpModule.register({ baseURL: 'http://payments:3000', timeout: 10000 })] })",
          'export class AppModule {}',
          'export class Client {',
          '  constructor(private readonly http: HttpService) {}',
          "  ping() { return this.http.get('/health'); }",
          '}',
        ),
      },
    },
    {
      name: 'node http.request without timeout or setTimeout: reported without a fix',
      files: service('orders', { 'a.ts': lines("import https from 'node:https';", "https.request('https://inventory.internal/items', (res) => res.resume()).end();") }),
      errors: [{ file: 'services/orders/src/a.ts', line: 2, column: 1, message: 'Pass `timeout: ms`.' }],
    },
  ],
});

docExamples(rule);
