// Generates a synthetic npm-workspaces monorepo with realistic communication code, for benchmarks: express services in
// layers (see layeredTopology) whose handlers call each other through fetch, axios instances and client classes, with
// routers, DTOs, helpers and shared libraries. Deterministic for a given (services, filesPerService).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function generateMonorepo(root, { services, filesPerService }) {
  rmSync(root, { recursive: true, force: true });
  const write = (path, text) => {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  };
  const names = Array.from({ length: services }, (_, i) => `svc${String(i).padStart(2, '0')}`);
  write('package.json', JSON.stringify({ name: 'bench', private: true, workspaces: ['services/*', 'packages/*'] }, null, 2));
  write('tsconfig.base.json', JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'preserve', moduleResolution: 'bundler', strict: true, skipLibCheck: true, types: ['node'], noEmit: true, paths: { '@bench/*': ['./packages/*/src'] } } }, null, 2));
  write('tsconfig.json', JSON.stringify({ extends: './tsconfig.base.json', include: ['services/*/src/**/*.ts', 'packages/*/src/**/*.ts'] }, null, 2));
  write('packages/http/package.json', JSON.stringify({ name: '@bench/http', version: '1.0.0' }));
  write('packages/http/src/index.ts', httpLibrary());
  write('packages/contracts/package.json', JSON.stringify({ name: '@bench/contracts', version: '1.0.0' }));
  write('packages/contracts/src/index.ts', [...names, ...PARTNER_APIS].map((n) => `export interface ${pascal(n)}Item {\n  id: string;\n  name: string;\n  priceCents: number;\n  tags: string[];\n}\n`).join('\n'));
  const compose = ['services:'];
  const downstreamOf = layeredTopology(names);
  names.forEach((name, index) => {
    const downstream = downstreamOf[index];
    compose.push(`  ${name}:`, `    build: ./services/${name}`, '    environment:', ...downstream.map((d) => `      ${d.toUpperCase()}_URL: ${PARTNER_APIS.includes(d) ? `https://api.${d}.example.com` : `http://${d}:3000`}`));
    writeService(write, name, downstream, filesPerService);
  });
  write('docker-compose.yml', `${compose.join('\n')}\n`);
  return { root, files: services * filesPerService + 2 };
}

function writeService(write, name, downstream, filesPerService) {
  const base = `services/${name}`;
  write(`${base}/package.json`, JSON.stringify({ name: `@bench/${name}`, version: '1.0.0', dependencies: { '@bench/http': '*', '@bench/contracts': '*' } }));
  write(`${base}/tsconfig.json`, JSON.stringify({ extends: '../../tsconfig.base.json', include: ['src'] }));
  // File budget: main + clients, then routes / services / helpers / models in rotation.
  const routeCount = Math.max(1, Math.floor((filesPerService - 1 - downstream.length) / 4));
  const routers = [];
  for (const target of downstream) write(`${base}/src/clients/${target}.client.ts`, clientFile(target));
  let written = 1 + downstream.length;
  for (let i = 0; written < filesPerService; i++) {
    const kind = i % 4;
    if (kind === 0 && routers.length < routeCount) {
      routers.push(i);
      write(`${base}/src/routes/r${i}.router.ts`, routerFile(name, i, downstream));
    } else if (kind === 1) write(`${base}/src/services/s${i}.service.ts`, serviceFile(name, i, downstream));
    else if (kind === 2) write(`${base}/src/helpers/h${i}.ts`, helperFile(i));
    else write(`${base}/src/models/m${i}.ts`, modelFile(name, i));
    written++;
  }
  write(`${base}/src/main.ts`, mainFile(routers));
}

/**
 * Who calls whom, shaped like real systems rather than a ring: four layers (edge services, two tiers of domain services,
 * leaf services), each service calling two of the next layer, leaf services calling two partner APIs outside the
 * workspace, and one deliberate cycle between two domain services. Chains are at most four services long.
 */
function layeredTopology(names) {
  const layerOf = (index) => Math.floor((index * LAYERS) / names.length);
  const layers = Array.from({ length: LAYERS }, (_, layer) => names.filter((_, index) => layerOf(index) === layer));
  const downstream = names.map((name, index) => {
    const next = layers[layerOf(index) + 1];
    if (!next || next.length === 0) return [...PARTNER_APIS];
    return [...new Set([next[index % next.length], next[(index + 1) % next.length]])];
  });
  const tier = layers[2] ?? [];
  if (tier.length >= 2) {
    const [first, last] = [names.indexOf(tier[0]), names.indexOf(tier[tier.length - 1])];
    downstream[first] = [downstream[first][0], tier[tier.length - 1]];
    downstream[last] = [downstream[last][0], tier[0]];
  }
  return downstream;
}

const LAYERS = 4;
/** Called by leaf services; not services of the workspace, so they add no edges. */
const PARTNER_APIS = ['extpay', 'extmail'];

const pascal = (name) => name.replace(/(^|-)([a-z0-9])/g, (_, __, c) => c.toUpperCase());

function httpLibrary() {
  return `export interface RequestOptions {
  timeoutMs?: number;
  headers?: Record<string, string>;
}

export async function getJson<T>(url: string, options: RequestOptions = {}): Promise<T> {
  const res = await fetch(url, { headers: options.headers, signal: AbortSignal.timeout(options.timeoutMs ?? 2000) });
  if (!res.ok) throw new Error(\`GET \${url} failed: \${res.status}\`);
  return (await res.json()) as T;
}

export async function postJson<T>(url: string, body: unknown, options: RequestOptions = {}): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(options.timeoutMs ?? 2000),
  });
  if (!res.ok) throw new Error(\`POST \${url} failed: \${res.status}\`);
  return (await res.json()) as T;
}
`;
}

function clientFile(target) {
  const env = `${target.toUpperCase()}_URL`;
  return `import axios from 'axios';
import type { ${pascal(target)}Item } from '@bench/contracts';

const baseURL = process.env.${env} ?? 'http://${target}:3000';
export const ${target}Api = axios.create({ baseURL, timeout: 3000 });

export class ${pascal(target)}Client {
  async item(id: string): Promise<${pascal(target)}Item> {
    const { data } = await ${target}Api.get<${pascal(target)}Item>(\`/items/\${encodeURIComponent(id)}\`);
    return data;
  }

  async list(page: number): Promise<${pascal(target)}Item[]> {
    const { data } = await ${target}Api.get<${pascal(target)}Item[]>('/items', { params: { page } });
    return data;
  }

  async create(item: ${pascal(target)}Item): Promise<${pascal(target)}Item> {
    const { data } = await ${target}Api.post<${pascal(target)}Item>('/items', item);
    return data;
  }
}
`;
}

function routerFile(name, i, downstream) {
  const target = downstream[i % downstream.length];
  const other = downstream[(i + 1) % downstream.length];
  return `import { Router } from 'express';
import { getJson } from '@bench/http';
import { ${pascal(target)}Client } from '../clients/${target}.client';
import { summarize${i} } from '../services/s${i + 1}.service';

const client = new ${pascal(target)}Client();
export const router${i} = Router();

router${i}.get('/items/:id', async (req, res) => {
  const item = await client.item(req.params.id);
  res.json({ ...item, source: '${name}' });
});

router${i}.get('/r${i}/:id/details', async (req, res) => {
  const item = await client.item(req.params.id);
  const related = await getJson<unknown[]>(\`\${process.env.${other.toUpperCase()}_URL}/items?related=\${item.id}\`);
  res.json({ item, related, summary: summarize${i}([item.priceCents]) });
});

router${i}.post('/r${i}', async (req, res) => {
  const created = await client.create(req.body);
  res.status(201).json(created);
});
`;
}

function serviceFile(name, i, downstream) {
  const target = downstream[0];
  return `import { ${pascal(target)}Client } from '../clients/${target}.client';

export function summarize${i - 1}(values: number[]): { total: number; average: number } {
  const total = values.reduce((sum, value) => sum + value, 0);
  return { total, average: values.length ? total / values.length : 0 };
}

export class Service${i} {
  private readonly cache = new Map<string, number>();

  constructor(private readonly client = new ${pascal(target)}Client()) {}

  async price(id: string): Promise<number> {
    const cached = this.cache.get(id);
    if (cached !== undefined) return cached;
    const item = await this.client.item(id);
    this.cache.set(id, item.priceCents);
    return item.priceCents;
  }

  async prices(ids: string[]): Promise<number[]> {
    return Promise.all(ids.map((id) => this.price(id)));
  }

  describe(): string {
    return '${name} service ${i} with ' + this.cache.size + ' cached prices';
  }
}
`;
}

function helperFile(i) {
  return `export const LIMIT_${i} = ${(i % 7) + 3};

export function clamp${i}(value: number, min = 0, max = LIMIT_${i} * 100): number {
  return Math.min(max, Math.max(min, value));
}

export function formatCents${i}(cents: number, currency = 'EUR'): string {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).format(cents / 100);
}

export function chunk${i}<T>(items: readonly T[], size = LIMIT_${i}): T[][] {
  const chunks: T[][] = [];
  for (let index = 0; index < items.length; index += size) chunks.push(items.slice(index, index + size));
  return chunks;
}
`;
}

function modelFile(name, i) {
  return `export type Status${i} = 'draft' | 'active' | 'archived';

export interface Record${i} {
  id: string;
  owner: '${name}';
  status: Status${i};
  createdAt: Date;
  amounts: number[];
}

export function isActive${i}(record: Record${i}): boolean {
  return record.status === 'active';
}
`;
}

function mainFile(routers) {
  return `import express from 'express';
${routers.map((i) => `import { router${i} } from './routes/r${i}.router';`).join('\n')}

const app = express();
app.use(express.json());
${routers.map((i) => `app.use('/', router${i});`).join('\n')}
app.get('/health', (_req, res) => {
  res.json({ ok: true });
});
app.listen(Number(process.env.PORT ?? 3000));
`;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const [root, services = '10', files = '200'] = process.argv.slice(2);
  if (!root) {
    console.error('usage: node scripts/bench/generate.mjs <folder> [services] [filesPerService]');
    process.exit(2);
  }
  console.log(generateMonorepo(root, { services: Number(services), filesPerService: Number(files) }));
}
