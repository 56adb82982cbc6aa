// Finding the services (architecture.md): evidence weighed per package, config as the whole truth, what never is one.
import { afterEach, describe, expect, it } from 'vitest';
import { analyze } from '../analyze.js';
import { createTempWorkspace, json, removeTempWorkspaces } from '../workspace/temp-workspace.js';
import type { SystemModel } from './types.js';

afterEach(removeTempWorkspaces);

async function modelOf(files: Record<string, string>): Promise<SystemModel> {
  return (await analyze({ paths: [createTempWorkspace(files)], onlyRules: [] })).model;
}

const services = (model: SystemModel) => model.services.map((service) => `${service.name}: ${service.reasons.join('; ')}`);
const kinds = (model: SystemModel) => Object.fromEntries(model.packages.map((pkg) => [pkg.name, pkg.kind]));

const expressServer = "import express from 'express';\nconst app = express();\napp.listen(3000);\n";

describe('detectServices', () => {
  it('takes the config list as the whole truth: a package with evidence that it does not list is no service', async () => {
    const model = await modelOf({
      'package.json': json({ workspaces: ['services/*'] }),
      'seamlint.config.json': json({ services: { orders: { root: 'services/orders' } } }),
      'services/orders/package.json': json({ name: 'orders' }),
      'services/orders/src/main.ts': expressServer,
      'services/billing/package.json': json({ name: 'billing' }),
      'services/billing/Dockerfile': 'FROM node:20\nCMD ["node", "dist/main.js"]\n',
      'services/billing/src/main.ts': expressServer,
    });
    expect(services(model)).toEqual(['orders: listed in seamlint.config.json']);
  });

  it('drops notServices whatever the evidence', async () => {
    const model = await modelOf({
      'package.json': json({ workspaces: ['services/*'] }),
      'seamlint.config.json': json({ notServices: ['services/mock-server'] }),
      'services/orders/package.json': json({ name: 'orders' }),
      'services/orders/src/main.ts': expressServer,
      'services/mock-server/package.json': json({ name: 'mock-server' }),
      'services/mock-server/src/main.ts': expressServer,
    });
    expect(model.services.map((s) => s.name)).toEqual(['orders']);
    expect(model.packages.find((p) => p.name === 'mock-server')?.reasons).toEqual(['listed in notServices']);
  });

  it('never takes an Nx library for a service, even when a compose image bears its name', async () => {
    const model = await modelOf({
      'nx.json': '{}',
      'docker-compose.yml': 'services:\n  redis:\n    image: redis:7\n  api:\n    build:\n      context: .\n      dockerfile: apps/api/Dockerfile\n',
      'apps/api/project.json': json({ name: 'api', projectType: 'application' }),
      'apps/api/Dockerfile': 'FROM node:20\n',
      'apps/api/src/main.ts': 'export {};\n',
      'libs/redis/project.json': json({ name: 'redis', projectType: 'library' }),
      'libs/redis/src/index.ts': "export const url = process.env.REDIS_URL;\n",
    });
    expect(services(model)).toEqual(['api: docker compose service "api"; apps/api/Dockerfile']);
    expect(kinds(model)).toEqual({ api: 'service', redis: 'library' });
  });

  it('does not match a Kubernetes image of third-party software to a folder of the same name', async () => {
    const model = await modelOf({
      'k8s/queue.yaml': 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: rabbitmq\nspec:\n  template:\n    spec:\n      containers:\n        - name: rabbitmq\n          image: bitnami/rabbitmq:3\n',
      'k8s/orders.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: orders\nspec:\n  template:\n    spec:\n      containers:\n        - name: orders\n          image: acme/orders:1.2\n',
      'orders/package.json': json({ name: 'orders' }),
      'orders/src/index.ts': 'export {};\n',
      'rabbitmq/package.json': json({ name: 'rabbitmq' }),
      'rabbitmq/src/index.ts': 'export {};\n',
    });
    expect(services(model)).toEqual(['orders: kubernetes service "orders"']);
  });

  it("counts a library's server-starting helper for the packages that call it, not for the library", async () => {
    const model = await modelOf({
      'package.json': json({ workspaces: ['packages/*', 'gateway'] }),
      'packages/commons/package.json': json({ name: '@acme/commons', main: 'dist/index.js' }),
      'packages/commons/src/index.ts': "export { startServer } from './server';\n",
      'packages/commons/src/server.ts': "import type { Express } from 'express';\nexport function startServer(app: Express, port: number) {\n  return app.listen(port);\n}\n",
      'gateway/package.json': json({ name: 'gateway' }),
      'gateway/src/index.ts': "import express from 'express';\nimport { startServer } from '@acme/commons';\nstartServer(express(), 8080);\n",
    });
    expect(services(model)).toEqual(["gateway: calls 'startServer' (http-server entrypoint in packages/commons/src/server.ts) from src/index.ts"]);
    expect(kinds(model)['@acme/commons']).toBe('library');
  });

  it('ignores entrypoints in test code, and never takes test packages or client apps for services', async () => {
    const model = await modelOf({
      'package.json': json({ workspaces: ['packages/*', 'apps/*'] }),
      'packages/catalog/package.json': json({ name: 'catalog' }),
      'packages/catalog/src/catalog.ts': 'export const items = [];\n',
      'packages/catalog/test/server.e2e-spec.ts': expressServer,
      'apps/api-e2e/package.json': json({ name: 'api-e2e' }),
      'apps/api-e2e/src/main.ts': expressServer,
      'apps/web/package.json': json({ name: 'web', dependencies: { 'react-dom': '^19', express: '^5' } }),
      'apps/web/index.html': '<div id="root"></div>\n',
      'apps/web/Dockerfile': 'FROM node:20 AS build\nFROM nginx:1.27\n',
      'apps/web/src/main.tsx': 'export {};\n',
    });
    expect(model.services).toEqual([]);
    expect(kinds(model)).toEqual({ 'api-e2e': 'test', web: 'client-app', catalog: 'library' });
    expect(model.roleOf(model.packages.find((p) => p.name === 'web')!.root + '/src/main.tsx')).toBe('client-app');
  });

  it('finds the services of a workspace-less repository by their folders, Dockerfiles and compose build contexts', async () => {
    const model = await modelOf({
      'docker-compose.yml': 'services:\n  auth:\n    build: ./auth\n  mongo:\n    image: mongo:7\n',
      'auth/package.json': json({ name: 'auth' }),
      'auth/src/index.ts': expressServer,
      'tickets/package.json': json({ name: 'tickets' }),
      'tickets/Dockerfile': 'FROM node:20\n',
      'tickets/src/index.ts': 'export {};\n',
      'common/package.json': json({ name: '@acme/common' }),
      'common/src/index.ts': 'export const x = 1;\n',
    });
    expect(services(model)).toEqual([
      'auth: docker compose service "auth"; http-server entrypoint (express) in src/index.ts',
      'tickets: tickets/Dockerfile',
    ]);
    expect(kinds(model)['@acme/common']).toBe('library');
  });
});
