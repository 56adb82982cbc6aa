import rule from './unchecked-response-status.js';
import { docExamples } from './testing/doc-examples.js';
import { ruleTester, type Files } from './testing/rule-tester.js';

function service(name: string, files: Record<string, string>): Files {
  const out: Files = { [`services/${name}/package.json`]: JSON.stringify({ name: `@shop/${name}` }) };
  for (const [path, text] of Object.entries(files)) out[`services/${name}/src/${path}`] = text;
  return out;
}

const lines = (...text: string[]): string => `${text.join('\n')}\n`;
const file = (text: string): Files => service('payments', { 'a.ts': text });

ruleTester(rule, {
  valid: [
    {
      name: 'the status is checked before the body is read',
      files: file(
        lines(
          'export async function order(id: string) {',
          '  const res = await fetch(`http://orders:3000/orders/${id}`, { signal: AbortSignal.timeout(5000) });',
          '  if (!res.ok) throw new Error(`orders answered ${res.status}: ${await res.text()}`);',
          '  return (await res.json()) as { id: string };',
          '}',
        ),
      ),
    },
    {
      name: 'res.ok checked in a ternary, a 404 handled before the read, a status destructured',
      files: file(
        lines(
          "export const a = async () => { const res = await fetch('/a'); return res.ok ? res.json() : undefined; };",
          "export const b = async () => { const res = await fetch('/b'); if (res.status === 404) return null; return res.json(); };",
          "export const c = async () => { const res = await fetch('/c'); const { ok } = res; if (!ok) return null; return res.text(); };",
        ),
      ),
    },
    {
      name: 'the response passed to another function counts as handling it',
      files: file(
        lines(
          'declare function assertOk(res: Response): Promise<void>;',
          'declare function parse<T>(res: Response): Promise<T>;',
          "export async function a() { const res = await fetch('/a'); await assertOk(res); return res.json(); }",
          "export async function b() { return parse(await fetch('/b')); }",
          "export function c() { return fetch('/c').then(parse); }",
          "export async function d() { const res = await fetch('/d'); return { res, at: Date.now() }; }",
        ),
      ),
    },
    {
      name: 'the body read first to build the error, when the status is checked before the data is used',
      files: file(
        lines(
          'export async function a() {',
          "  const res = await fetch('/a', { method: 'POST' });",
          '  const body = await res.json();',
          '  if (!res.ok) throw new Error(body.message);',
          '  return body;',
          '}',
        ),
      ),
    },
    {
      name: 'a proxied response carries its status along; statuses read in a switch or an assertion',
      files: file(
        lines(
          "export async function proxy(url: string) { const upstream = await fetch(url); return new Response(upstream.body, { status: upstream.status }); }",
          "export async function a(url: string) { const res = await fetch(url); switch (res.status) { case 200: return res.json(); default: return null; } }",
          "declare function assert(value: unknown): asserts value;",
          "export async function b(url: string) { const res = await fetch(url); assert(res.ok); return res.json(); }",
          "export async function c(url: string) { const res = await fetch(url); const data = await res.json(); return { status: res.status, data }; }",
        ),
      ),
    },
    {
      name: 'responses discarded or only inspected for headers; top-level code that checks',
      files: file(
        lines(
          "await fetch('/ping', { method: 'POST' });",
          "const head = await fetch('/etag');",
          "console.log(head.headers.get('etag'));",
          "const res = await fetch('/x');",
          'if (!res.ok) process.exit(1);',
          'console.log(await res.text());',
        ),
      ),
    },
    {
      name: 'undici.request with statusCode checked; axios and got that throw on error statuses',
      files: file(
        lines(
          "import { request } from 'undici';",
          "import axios from 'axios';",
          "import got from 'got';",
          'export async function a() {',
          "  const { statusCode, body } = await request('http://billing/invoices');",
          '  if (statusCode >= 400) throw new Error(String(statusCode));',
          '  return body.json();',
          '}',
          "export const b = async () => (await axios.get('/b')).data;",
          "export const c = () => got('http://fx/latest').json();",
        ),
      ),
    },
    {
      name: 'clients configured not to throw whose status is read',
      files: file(
        lines(
          "import axios from 'axios';",
          "import got from 'got';",
          "const api = axios.create({ baseURL: 'http://orders', validateStatus: () => true });",
          "export async function a() { const res = await api.get('/a'); if (res.status === 404) return null; return res.data; }",
          "export async function b() { const { data, status } = await axios.get('/b', { validateStatus: null }); return status < 400 ? data : null; }",
          "export async function c() { const res = await got('http://x/c', { throwHttpErrors: false }); return res.ok ? res.body : ''; }",
          "export const d = () => axios.get('/d', { validateStatus: (s) => s < 500 });",
        ),
      ),
    },
    {
      name: 'a shadowed fetch',
      files: file(lines('export async function a(fetch: (u: string) => Promise<{ json(): unknown }>) {', "  return (await fetch('/a')).json();", '}')),
    },
  ],
  invalid: [
    {
      name: 'the body is returned without a check: the fix throws after the declaration',
      files: file(
        lines(
          "import type { OrderDto } from './dto';",
          'export async function fetchOrder(orderId: string): Promise<OrderDto> {',
          '  const res = await fetch(`http://orders:3000/orders/${encodeURIComponent(orderId)}`, {',
          '    signal: AbortSignal.timeout(5000),',
          '  });',
          '  return res.json() as Promise<OrderDto>;',
          '}',
        ),
      ),
      errors: [
        {
          file: 'services/payments/src/a.ts',
          line: 3,
          column: 21,
          message: 'The response of `GET http://orders:3000/orders/…` is used without checking its status: it resolves on 4xx and 5xx too, so a failed request turns into wrong data. Check `res.ok` before reading the body.',
        },
      ],
      output: {
        'services/payments/src/a.ts': lines(
          "import type { OrderDto } from './dto';",
          'export async function fetchOrder(orderId: string): Promise<OrderDto> {',
          '  const res = await fetch(`http://orders:3000/orders/${encodeURIComponent(orderId)}`, {',
          '    signal: AbortSignal.timeout(5000),',
          '  });',
          '  if (!res.ok) throw new Error(`GET http://orders:3000/orders/${encodeURIComponent(orderId)} failed: ${res.status}`);',
          '  return res.json() as Promise<OrderDto>;',
          '}',
        ),
      },
    },
    {
      name: 'a variable URL, a method from the init, a trailing comment, and a check only on another path',
      files: file(
        lines(
          'export async function remove(url: string, cached: boolean) {',
          "  let response = await fetch(url, { method: 'DELETE' }); // best effort",
          '  if (cached) return response.text();',
          '  if (!response.ok) throw new Error(String(response.status));',
          '  return response.text();',
          '}',
        ),
      ),
      errors: [{ file: 'services/payments/src/a.ts', line: 2, column: 24, message: 'Check `response.ok` before reading the body.' }],
      output: {
        'services/payments/src/a.ts': lines(
          'export async function remove(url: string, cached: boolean) {',
          "  let response = await fetch(url, { method: 'DELETE' }); // best effort",
          '  if (!response.ok) throw new Error(`DELETE ${url} failed: ${response.status}`);',
          '  if (cached) return response.text();',
          '  if (!response.ok) throw new Error(String(response.status));',
          '  return response.text();',
          '}',
        ),
      },
    },
    {
      name: 'body read on the awaited call, in a then callback, or the response returned: no variable, no fix',
      files: file(
        lines(
          "export const a = async () => (await fetch('http://inventory/items')).json();",
          "export const b = () => fetch('/b').then((res) => res.json());",
          "export function c() { return fetch('/c'); }",
        ),
      ),
      errors: [
        { file: 'services/payments/src/a.ts', line: 1, column: 37 },
        { file: 'services/payments/src/a.ts', line: 2, column: 24 },
        { file: 'services/payments/src/a.ts', line: 3, column: 30 },
      ],
    },
    {
      name: 'undici.request: statusCode, in the fix too',
      files: file(
        lines(
          "import { request } from 'undici';",
          'export async function invoices() {',
          "  const res = await request('http://billing/invoices');",
          '  return res.body.json();',
          '}',
          "export const other = async () => { const { body } = await request('http://billing/x'); return body.text(); };",
        ),
      ),
      errors: [
        { file: 'services/payments/src/a.ts', line: 3, column: 21, message: 'Check `res.statusCode` before reading the body.' },
        { file: 'services/payments/src/a.ts', line: 6, column: 59 },
      ],
      output: {
        'services/payments/src/a.ts': lines(
          "import { request } from 'undici';",
          'export async function invoices() {',
          "  const res = await request('http://billing/invoices');",
          '  if (res.statusCode >= 400) throw new Error(`GET http://billing/invoices failed: ${res.statusCode}`);',
          '  return res.body.json();',
          '}',
          "export const other = async () => { const { body } = await request('http://billing/x'); return body.text(); };",
        ),
      },
    },
    {
      name: 'axios and got configured not to throw, whose status is never read',
      files: file(
        lines(
          "import axios from 'axios';",
          "import got from 'got';",
          'export async function a() {',
          "  const res = await axios.get('http://orders/a', { validateStatus: () => true });",
          '  return res.data;',
          '}',
          "export const b = async () => { const { data } = await axios.post('/b', {}, { validateStatus: null }); return data; };",
          "export const c = () => got('http://fx/c', { throwHttpErrors: false }).json();",
        ),
      ),
      errors: [
        { file: 'services/payments/src/a.ts', line: 4, column: 21, message: '`GET http://orders/a` is configured not to throw on error statuses, but its status is never read' },
        { file: 'services/payments/src/a.ts', line: 7, column: 55 },
        { file: 'services/payments/src/a.ts', line: 8, column: 24 },
      ],
      output: {
        'services/payments/src/a.ts': lines(
          "import axios from 'axios';",
          "import got from 'got';",
          'export async function a() {',
          "  const res = await axios.get('http://orders/a', { validateStatus: () => true });",
          '  if (res.status >= 400) throw new Error(`GET http://orders/a failed: ${res.status}`);',
          '  return res.data;',
          '}',
          "export const b = async () => { const { data } = await axios.post('/b', {}, { validateStatus: null }); return data; };",
          "export const c = () => got('http://fx/c', { throwHttpErrors: false }).json();",
        ),
      },
    },
    {
      name: 'an imported axios instance configured not to throw',
      files: service('gateway', {
        'clients.ts': lines("import axios from 'axios';", "export const ordersApi = axios.create({ baseURL: 'http://orders:3000', timeout: 2000, validateStatus: () => true });"),
        'routes.ts': lines("import { ordersApi } from './clients';", "export async function order(id: string) {", '  const res = await ordersApi.get(`/orders/${id}`);', '  return res.data;', '}'),
      }),
      errors: [{ file: 'services/gateway/src/routes.ts', line: 3, column: 21, message: '`GET /orders/…` is configured not to throw' }],
      output: {
        'services/gateway/src/routes.ts': lines(
          "import { ordersApi } from './clients';",
          'export async function order(id: string) {',
          '  const res = await ordersApi.get(`/orders/${id}`);',
          '  if (res.status >= 400) throw new Error(`GET /orders/${id} failed: ${res.status}`);',
          '  return res.data;',
          '}',
        ),
      },
    },
  ],
});

docExamples(rule);
