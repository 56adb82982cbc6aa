import rule from './sequential-remote-calls.js';
import { docExamples } from './testing/doc-examples.js';
import { ruleTester, type Files } from './testing/rule-tester.js';

const FILE = 'services/gateway/src/overview.ts';

/** One gateway file; `lines` are its source lines. */
const gateway = (lines: string[], extra: Files = {}): Files => ({
  'services/gateway/package.json': JSON.stringify({ name: '@shop/gateway' }),
  [FILE]: lines.join('\n'),
  ...extra,
});

/** A two-service workspace whose handler calls inventory and pricing, so the calls have resolved targets. */
const system = (handler: string[]): Files => ({
  'package.json': JSON.stringify({ name: 'shop', private: true, workspaces: ['services/*'] }),
  'docker-compose.yml': ['services:', ...['inventory', 'pricing', 'gateway'].flatMap((name) => [`  ${name}:`, `    build: ./services/${name}`]), ''].join('\n'),
  'services/inventory/package.json': JSON.stringify({ name: '@shop/inventory' }),
  'services/inventory/src/main.ts': [
    "import express from 'express';",
    'const app = express();',
    "app.get('/items/:id', (req, res) => { res.json({ id: req.params.id }); });",
    'app.listen(3000);',
    '',
  ].join('\n'),
  'services/pricing/package.json': JSON.stringify({ name: '@shop/pricing' }),
  'services/pricing/src/main.ts': [
    "import express from 'express';",
    'const app = express();',
    "app.get('/prices/:sku', (req, res) => { res.json({ sku: req.params.sku }); });",
    'app.listen(3000);',
    '',
  ].join('\n'),
  'services/gateway/package.json': JSON.stringify({ name: '@shop/gateway' }),
  'services/gateway/src/main.ts': [
    "import express from 'express';",
    "import axios from 'axios';",
    'const app = express();',
    "app.get('/overview/:id', async (req, res) => {",
    ...handler,
    '});',
    'app.listen(3000);',
    '',
  ].join('\n'),
});

ruleTester(rule, {
  valid: [
    {
      name: 'dependent calls: the second needs the first one’s result',
      files: gateway([
        'export async function load(id: string) {',
        '  const order = await fetch(`http://orders:3000/orders/${id}`).then((r) => r.json());',
        '  const payment = await fetch(`http://payments:3000/payments/${order.paymentId}`);',
        '  return { order, payment };',
        '}',
      ]),
    },
    {
      name: 'a dependency through a variable computed in between',
      files: gateway([
        'export async function load(id: string) {',
        '  const res = await fetch(`http://orders:3000/orders/${id}`);',
        '  const paymentId = (await res.json()).paymentId;',
        '  const url = `http://payments:3000/payments/${paymentId}`;',
        '  return fetch(url);',
        '}',
        'export async function load2(id: string) {',
        '  const res = await fetch(`http://orders:3000/orders/${id}`);',
        '  const query = new URLSearchParams();',
        "  query.set('order', res.headers.get('x-order-id') ?? '');",
        '  const other = await fetch(`http://payments:3000/payments?${query}`);',
        '  return other;',
        '}',
      ]),
    },
    {
      name: 'calls in different branches',
      files: gateway([
        'export async function load(id: string, fast: boolean) {',
        '  if (fast) {',
        '    await fetch(`http://orders:3000/orders/${id}`);',
        '  } else {',
        '    await fetch(`http://payments:3000/payments/${id}`);',
        '  }',
        '}',
      ]),
    },
    {
      name: 'a write before, between or as the second call: the order may be deliberate',
      files: gateway([
        'export async function place(id: string) {',
        "  await fetch('http://inventory:3000/reservations', { method: 'POST', body: id });",
        '  await fetch(`http://pricing:3000/prices/${id}`);',
        '}',
        'export async function check(id: string) {',
        '  const stock = await fetch(`http://inventory:3000/items/${id}`);',
        "  await fetch('http://audit:3000/events', { method: 'POST', body: id });",
        '  const price = await fetch(`http://pricing:3000/prices/${id}`);',
        '  return [stock, price];',
        '}',
        'export async function charge(id: string) {',
        '  const stock = await fetch(`http://inventory:3000/items/${id}`);',
        "  const charge = await fetch('http://payments:3000/charges', { method: 'POST', body: id });",
        '  return [stock, charge];',
        '}',
      ]),
    },
    {
      name: 'a message sent between the calls',
      files: gateway([
        "import amqp from 'amqplib';",
        'export async function check(id: string) {',
        '  const channel = await (await amqp.connect(process.env.AMQP_URL!)).createChannel();',
        '  const stock = await fetch(`http://inventory:3000/items/${id}`);',
        "  channel.publish('events', 'item.checked', Buffer.from(id));",
        '  const price = await fetch(`http://pricing:3000/prices/${id}`);',
        '  return [stock, price];',
        '}',
      ]),
    },
    {
      name: 'a second call that uses a local await made in between (a database query)',
      files: gateway([
        "import { Pool } from 'pg';",
        'const pool = new Pool();',
        'export async function load(id: string) {',
        '  const stock = await fetch(`http://inventory:3000/items/${id}`);',
        "  const { rows } = await pool.query('select sku from items where id = $1', [id]);",
        '  const price = await fetch(`http://pricing:3000/prices/${rows[0].sku}`);',
        '  return [stock, price];',
        '}',
      ]),
    },
    {
      name: 'local awaits alone, and calls already run together',
      files: gateway([
        "import { readFile } from 'node:fs/promises';",
        'export async function load(id: string) {',
        "  const a = await readFile('a.json', 'utf8');",
        "  const b = await readFile('b.json', 'utf8');",
        '  const [c, d] = await Promise.all([fetch(`http://inventory:3000/items/${id}`), fetch(`http://pricing:3000/prices/${id}`)]);',
        '  return [a, b, c, d];',
        '}',
      ]),
    },
  ],
  invalid: [
    {
      name: 'two adjacent independent GETs, declared with const',
      files: gateway([
        "import axios from 'axios';",
        'export async function overview(id: string) {',
        '  const item = await axios.get(`http://inventory:3000/items/${id}`);',
        '  const price = await axios.get(`http://pricing:3000/prices/${id}`);',
        '  return { item: item.data, price: price.data };',
        '}',
      ]),
      errors: [{ file: FILE, line: 4, column: 23, message: '`GET http://pricing:3000/prices/…` waits for `GET http://inventory:3000/items/…` to finish although it does not use its result' }],
      output: {
        [FILE]: [
          "import axios from 'axios';",
          'export async function overview(id: string) {',
          '  const [item, price] = await Promise.all([',
          '    axios.get(`http://inventory:3000/items/${id}`),',
          '    axios.get(`http://pricing:3000/prices/${id}`),',
          '  ]);',
          '  return { item: item.data, price: price.data };',
          '}',
        ].join('\n'),
      },
    },
    {
      name: 'bare awaits, on one line',
      files: gateway(['export async function warm() {', "  await fetch('http://a:1/x');", "  await fetch('http://b:1/y');", '}']),
      errors: [{ file: FILE, line: 3, column: 9 }],
      output: { [FILE]: ['export async function warm() {', "  await Promise.all([fetch('http://a:1/x'), fetch('http://b:1/y')]);", '}'].join('\n') },
    },
    {
      name: 'three in a row become one Promise.all; let with const becomes let; a bare await leaves a hole; comments stay',
      files: gateway([
        'export async function load(id: string) {',
        "  let a = await fetch('http://a:1/a');",
        '  // warms the cache',
        "  await fetch('http://b:1/b');",
        "  const c = await fetch('http://c:1/c');",
        '  a = c;',
        '  return a;',
        '}',
      ]),
      errors: [
        { file: FILE, line: 4, column: 9, message: '`GET http://b:1/b` waits for `GET http://a:1/a`' },
        { file: FILE, line: 5, column: 19, message: '`GET http://c:1/c` waits for `GET http://b:1/b`' },
      ],
      output: {
        [FILE]: [
          'export async function load(id: string) {',
          '  // warms the cache',
          '  let [a, , c] = await Promise.all([',
          "    fetch('http://a:1/a'),",
          "    fetch('http://b:1/b'),",
          "    fetch('http://c:1/c'),",
          '  ]);',
          '  a = c;',
          '  return a;',
          '}',
        ].join('\n'),
      },
    },
    {
      name: 'destructured results, with a status check in between (unsafe fix moves it after)',
      files: gateway([
        "import axios from 'axios';",
        'export async function overview(customerId: string) {',
        "  const { data: orders } = await axios.get('http://orders:3000/orders', { params: { customerId } });",
        "  if (!Array.isArray(orders)) throw new Error('bad orders');",
        "  const { data: payments } = await axios.get('http://payments:3000/payments', { params: { customerId } });",
        '  return { orders, payments };',
        '}',
      ]),
      errors: [{ file: FILE, line: 5, column: 36 }],
      output: {
        [FILE]: [
          "import axios from 'axios';",
          'export async function overview(customerId: string) {',
          '  const [{ data: orders }, { data: payments }] = await Promise.all([',
          "    axios.get('http://orders:3000/orders', { params: { customerId } }),",
          "    axios.get('http://payments:3000/payments', { params: { customerId } }),",
          '  ]);',
          "  if (!Array.isArray(orders)) throw new Error('bad orders');",
          '  return { orders, payments };',
          '}',
        ].join('\n'),
      },
    },
    {
      name: 'a third call that needs the first one’s result but not the second’s: reported, fixed with the first pair only',
      files: gateway([
        'export async function load(id: string) {',
        '  const a = await fetch(`http://a:1/a/${id}`);',
        '  const b = await fetch(`http://b:1/b/${id}`);',
        '  const c = await fetch(`http://c:1/c/${a.status}`);',
        '  return [a, b, c];',
        '}',
      ]),
      errors: [
        { file: FILE, line: 3, column: 19 },
        { file: FILE, line: 4, column: 19 },
      ],
      output: {
        [FILE]: [
          'export async function load(id: string) {',
          '  const [a, b] = await Promise.all([fetch(`http://a:1/a/${id}`), fetch(`http://b:1/b/${id}`)]);',
          '  const c = await fetch(`http://c:1/c/${a.status}`);',
          '  return [a, b, c];',
          '}',
        ].join('\n'),
      },
    },
    {
      name: 'annotated declarations keep their types as a tuple; var does not combine with const',
      files: gateway([
        'export async function typed() {',
        "  const a: Response = await fetch('http://a:1/a');",
        "  const b: Response = await fetch('http://b:1/b');",
        '  return [a, b];',
        '}',
        'export async function mixed() {',
        "  var a = await fetch('http://a:1/a');",
        "  const b = await fetch('http://b:1/b');",
        '  return [a, b];',
        '}',
      ]),
      errors: [
        { file: FILE, line: 3, column: 29 },
        { file: FILE, line: 8, column: 19 },
      ],
      output: {
        [FILE]: [
          'export async function typed() {',
          '  const [a, b]: [Response, Response] = await Promise.all([',
          "    fetch('http://a:1/a'),",
          "    fetch('http://b:1/b'),",
          '  ]);',
          '  return [a, b];',
          '}',
          'export async function mixed() {',
          "  var a = await fetch('http://a:1/a');",
          "  const b = await fetch('http://b:1/b');",
          '  return [a, b];',
          '}',
        ].join('\n'),
      },
    },
    {
      name: 'wrappers: a helper function and a client class in another module',
      files: gateway(
        [
          "import { InventoryClient } from './inventory-client';",
          'const inventory = new InventoryClient();',
          'async function getPrice(sku: string) {',
          '  const res = await fetch(`http://pricing:3000/prices/${sku}`);',
          '  return res.json();',
          '}',
          'export async function item(sku: string) {',
          '  const stock = await inventory.getStock(sku);',
          '  const price = await getPrice(sku);',
          '  return { stock, price };',
          '}',
        ],
        {
          'services/gateway/src/inventory-client.ts': [
            'export class InventoryClient {',
            '  async getStock(sku: string) {',
            '    const res = await fetch(`http://inventory:3000/items/${sku}/stock`);',
            '    return res.json();',
            '  }',
            '}',
          ].join('\n'),
        },
      ),
      errors: [{ file: FILE, line: 9, column: 23, message: '`getPrice(sku)` waits for `inventory.getStock(sku)`' }],
      output: {
        [FILE]: [
          "import { InventoryClient } from './inventory-client';",
          'const inventory = new InventoryClient();',
          'async function getPrice(sku: string) {',
          '  const res = await fetch(`http://pricing:3000/prices/${sku}`);',
          '  return res.json();',
          '}',
          'export async function item(sku: string) {',
          '  const [stock, price] = await Promise.all([inventory.getStock(sku), getPrice(sku)]);',
          '  return { stock, price };',
          '}',
        ].join('\n'),
      },
    },
    {
      name: 'calls described by their resolved targets',
      files: system([
        '  const item = await axios.get(`http://inventory:3000/items/${req.params.id}`);',
        '  const price = await axios.get(`http://pricing:3000/prices/${req.params.id}`);',
        '  res.json({ item: item.data, price: price.data });',
      ]),
      errors: [
        {
          file: 'services/gateway/src/main.ts',
          line: 6,
          column: 23,
          message:
            '`GET pricing/prices/:sku` waits for `GET inventory/items/:id` to finish although it does not use its result: the request takes the sum of both latencies. Run them together with `Promise.all`.',
        },
      ],
      output: {
        'services/gateway/src/main.ts': [
          "import express from 'express';",
          "import axios from 'axios';",
          'const app = express();',
          "app.get('/overview/:id', async (req, res) => {",
          '  const [item, price] = await Promise.all([',
          '    axios.get(`http://inventory:3000/items/${req.params.id}`),',
          '    axios.get(`http://pricing:3000/prices/${req.params.id}`),',
          '  ]);',
          '  res.json({ item: item.data, price: price.data });',
          '});',
          'app.listen(3000);',
          '',
        ].join('\n'),
      },
    },
  ],
});

docExamples(rule);
