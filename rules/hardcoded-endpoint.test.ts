import rule from './hardcoded-endpoint.js';
import { ruleTester, type Files } from './testing/rule-tester.js';

const service = (files: Record<string, string>): Files => {
  const out: Files = { 'services/orders/package.json': JSON.stringify({ name: '@shop/orders' }) };
  for (const [path, text] of Object.entries(files)) out[`services/orders/src/${path}`] = text;
  return out;
};

ruleTester(rule, {
  valid: [
    {
      name: 'environment lookups, with and without a local default',
      files: service({
        'a.ts': [
          "import axios from 'axios';",
          "const INVENTORY_URL = process.env.INVENTORY_URL ?? 'http://inventory:3000';",
          'export async function item(id: string) {',
          '  await fetch(`${INVENTORY_URL}/items/${id}`, { signal: AbortSignal.timeout(2000) });',
          '  return axios.get(`${process.env.PRICING_URL}/prices/${id}`, { timeout: 2000 });',
          '}',
          '',
        ].join('\n'),
      }),
    },
    {
      name: 'an environment default whose host also names a path segment (`users` in /users/)',
      files: service({
        'a.ts': [
          "const USERS_URL = process.env.USERS_URL ?? 'http://users:3000';",
          'export const user = (id: string) => fetch(`${USERS_URL}/users/${id}`, { signal: AbortSignal.timeout(2000) });',
          '',
        ].join('\n'),
      }),
    },
    {
      name: 'the default argument of a helper that reads process.env',
      files: service({
        'a.ts': "export function inventoryBase(fallback = 'http://inventory:3000') {\n  return process.env.INVENTORY_URL || fallback;\n}\nexport const get = (id: string, base = 'http://inventory:3000') => fetch(`${process.env.X ?? base}/items/${id}`);\n",
      }),
    },
    {
      name: 'public HTTPS APIs on their default port',
      files: service({ 'a.ts': "export const charge = (body: string) => fetch('https://api.stripe.com/v1/charges', { method: 'POST', body });\n" }),
    },
    {
      name: 'URLs that are only logged or documented, not used for a call',
      files: service({ 'a.ts': "// call http://inventory:3000/items for details\nexport function hint() {\n  console.log('docs at http://localhost:3000/docs');\n  return 'http://inventory:3000';\n}\n" }),
    },
  ],
  invalid: [
    {
      name: 'a constant with a single-label host used in an axios template URL',
      files: service({
        'pricing.ts': "import axios from 'axios';\n\nconst PRICING_URL = 'http://pricing:3000';\n\nexport const price = (sku: string) => axios.get(`${PRICING_URL}/prices/${sku}`, { timeout: 1500 });\n",
      }),
      errors: [{ file: 'services/orders/src/pricing.ts', line: 3, column: 21, message: '`http://pricing:3000` names the internal host `pricing` and is used for a remote call' }],
      output: {
        'services/orders/src/pricing.ts': "import axios from 'axios';\n\nconst PRICING_URL = process.env.PRICING_URL;\n\nexport const price = (sku: string) => axios.get(`${PRICING_URL}/prices/${sku}`, { timeout: 1500 });\n",
      },
    },
    {
      name: 'localhost with a path in a fetch call takes the name of its constant',
      files: service({ 'a.ts': "const STOCK_URL = 'http://localhost:4002/stock';\nexport const stock = () => fetch(STOCK_URL);\n" }),
      errors: [{ file: 'services/orders/src/a.ts', line: 1, column: 19, message: 'points at localhost' }],
      output: { 'services/orders/src/a.ts': 'const STOCK_URL = `${process.env.STOCK_URL}/stock`;\nexport const stock = () => fetch(STOCK_URL);\n' },
    },
    {
      name: 'an IP address in a template literal',
      files: service({ 'a.ts': 'export const item = (id: string) => fetch(`http://10.0.0.12:8080/items/${id}`);\n' }),
      errors: [{ file: 'services/orders/src/a.ts', line: 1, column: 43, message: 'is an IP address' }],
      output: { 'services/orders/src/a.ts': 'export const item = (id: string) => fetch(`${process.env.SERVICE_URL}/items/${id}`);\n' },
    },
    {
      name: 'broker and database connection strings',
      files: service({
        'infra.ts': [
          "import amqp from 'amqplib';",
          "import mongoose from 'mongoose';",
          'export async function connect() {',
          "  const connection = await amqp.connect('amqp://guest:guest@rabbitmq:5672');",
          "  await mongoose.connect('mongodb://mongo:27017/notifications');",
          '  return connection;',
          '}',
          '',
        ].join('\n'),
      }),
      errors: [
        { file: 'services/orders/src/infra.ts', line: 4, column: 41, message: 'used for a broker connection' },
        { file: 'services/orders/src/infra.ts', line: 5, column: 26, message: 'used for a database connection' },
      ],
      output: {
        'services/orders/src/infra.ts': [
          "import amqp from 'amqplib';",
          "import mongoose from 'mongoose';",
          'export async function connect() {',
          '  const connection = await amqp.connect(process.env.RABBITMQ_URL);',
          '  await mongoose.connect(`${process.env.MONGO_URL}/notifications`);',
          '  return connection;',
          '}',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'a constant exported from a config module, reported where it is declared',
      files: service({
        'config.ts': "export const INVENTORY_URL = 'http://inventory.internal';\n",
        'client.ts': "import { INVENTORY_URL } from './config';\nexport const item = (id: string) => fetch(`${INVENTORY_URL}/items/${id}`);\n",
      }),
      errors: [{ file: 'services/orders/src/config.ts', line: 1, column: 30, message: 'names the internal host `inventory.internal`' }],
      output: { 'services/orders/src/config.ts': 'export const INVENTORY_URL = process.env.INVENTORY_URL;\n' },
    },
    {
      name: 'an HTTP client base URL on localhost takes the name of the client variable',
      files: service({ 'a.ts': "import axios from 'axios';\nexport const paymentsApi = axios.create({\n  baseURL: 'http://localhost:4002',\n  timeout: 3000,\n});\n" }),
      errors: [{ file: 'services/orders/src/a.ts', line: 3, column: 12, message: 'used for an HTTP client' }],
      output: { 'services/orders/src/a.ts': "import axios from 'axios';\nexport const paymentsApi = axios.create({\n  baseURL: process.env.PAYMENTS_API_URL,\n  timeout: 3000,\n});\n" },
    },
    {
      name: 'a kafka broker host:port',
      files: service({ 'a.ts': "import { Kafka } from 'kafkajs';\nexport const kafka = new Kafka({ clientId: 'orders', brokers: ['kafka:9092'] });\n" }),
      errors: [{ file: 'services/orders/src/a.ts', line: 2, column: 64, message: '`kafka:9092`' }],
      output: { 'services/orders/src/a.ts': "import { Kafka } from 'kafkajs';\nexport const kafka = new Kafka({ clientId: 'orders', brokers: [process.env.KAFKA_URL] });\n" },
    },
    {
      name: 'environment defaults, when flagDefaults is on',
      options: { flagDefaults: true },
      files: service({ 'a.ts': "const BASE = process.env.INVENTORY_URL ?? 'http://inventory:3000';\nexport const item = () => fetch(`${BASE}/items`);\n" }),
      errors: [{ file: 'services/orders/src/a.ts', line: 1, column: 43 }],
    },
  ],
});
