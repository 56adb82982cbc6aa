// The synchronous service graph: every request/reply call is an edge; only calls the caller waits for make chains and cycles.
import { afterEach, describe, expect, it } from 'vitest';
import { analyze } from '../analyze.js';
import { createTempWorkspace, removeTempWorkspaces } from '../workspace/temp-workspace.js';

afterEach(removeTempWorkspaces);

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

describe('service graph', () => {
  it('draws a request nobody waits for as an edge, but no cycle runs through it', async () => {
    const root = createTempWorkspace({
      'services/users/src/main.ts': lines(
        "import express from 'express';",
        'const app = express();',
        "app.post('/users', async (_req, res) => {",
        "  void fetch('http://mailer:3000/mails', { method: 'POST', signal: AbortSignal.timeout(1000) });",
        '  res.status(201).end();',
        '});',
        "app.get('/users/:id', (_req, res) => { res.json({}); });",
        'app.listen(3000);',
      ),
      'services/mailer/src/main.ts': lines(
        "import express from 'express';",
        'const app = express();',
        "app.post('/mails', async (_req, res) => {",
        "  const user = await fetch('http://users:3000/users/1', { signal: AbortSignal.timeout(1000) });",
        '  res.json(await user.json());',
        '});',
        'app.listen(3000);',
      ),
    });
    const graph = (await analyze({ paths: [root], onlyRules: [] })).model.serviceGraph();
    expect(graph.edges.map((edge) => `${edge.from} -> ${edge.to} ${edge.kind} ${edge.label}`).sort()).toEqual([
      'mailer -> users sync GET /users/:id',
      'users -> mailer sync POST /mails',
    ]);
    expect(graph.cycles).toEqual([]);
  });

  it("follows NestJS configService.get(KEY) to the caller's .env, whose value may hold the endpoint's path", async () => {
    const caller = (key: string) => ({
      'services/builder/package.json': '{"name":"builder"}',
      'services/builder/.env': 'RUNNER_URL="http://localhost:8900/api/code-generate"\nCATALOG_URL="https://catalog.example.com/"\n',
      'services/builder/src/env.ts': 'export class Env {\n  static readonly RUNNER_URL = "RUNNER_URL";\n  static readonly OTHER_URL = "OTHER_URL";\n}\n',
      'services/builder/src/main.ts': "import { NestFactory } from '@nestjs/core';\nawait NestFactory.create({} as never);\n",
      'services/builder/src/runner.service.ts': lines(
        "import { Injectable } from '@nestjs/common';",
        "import { ConfigService } from '@nestjs/config';",
        "import axios from 'axios';",
        "import { Env } from './env';",
        '@Injectable()',
        'export class RunnerService {',
        '  constructor(private readonly configService: ConfigService) {}',
        '  async run(body: unknown) {',
        `    const url = this.configService.get(${key});`,
        '    await axios.post(url, body, { timeout: 5000 });',
        '  }',
        '  async versions() {',
        "    const catalog = this.configService.get('CATALOG_URL');",
        // The env value ends with a slash and the code writes the path without one.
        '    await axios.get(`${catalog}api/versions`, { timeout: 5000 });',
        '  }',
        '}',
      ),
      'services/runner/src/main.ts': lines(
        "import express from 'express';",
        'const app = express();',
        "app.post('/api/code-generate', (_req, res) => { res.status(202).end(); });",
        "app.get('/api/versions', (_req, res) => { res.json([]); });",
        'app.listen(8900);',
      ),
    });
    const edges = async (key: string) =>
      (await analyze({ paths: [createTempWorkspace(caller(key))], onlyRules: [] })).model.serviceGraph().edges.map((e) => `${e.from} -> ${e.to} ${e.label}`);
    expect(await edges('Env.RUNNER_URL')).toEqual(['builder -> runner POST /api/code-generate', 'builder -> runner GET /api/versions']);
    expect(await edges('Env.OTHER_URL')).toEqual(['builder -> runner GET /api/versions']);
  });

  it('links a gRPC client method to the handler of that service and method, and nothing else', async () => {
    const root = createTempWorkspace({
      'libs/common/src/index.ts': "export const PAYMENTS_SERVICE_NAME = 'PaymentsService';\nexport function PaymentsServiceControllerMethods() { return (_c: Function) => undefined; }\n",
      'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@app/common': ['libs/common/src'] } } }),
      'services/reservations/src/main.ts': "import { NestFactory } from '@nestjs/core';\nawait NestFactory.create({} as never);\n",
      'services/reservations/src/reservations.controller.ts': lines(
        "import { Controller, Inject, Post } from '@nestjs/common';",
        "import { ClientGrpc } from '@nestjs/microservices';",
        "import { firstValueFrom } from 'rxjs';",
        "import { PAYMENTS_SERVICE_NAME } from '@app/common';",
        "@Controller('reservations')",
        'export class ReservationsController {',
        '  private payments: any;',
        '  constructor(@Inject(PAYMENTS_SERVICE_NAME) private readonly client: ClientGrpc) {}',
        '  onModuleInit() { this.payments = this.client.getService(PAYMENTS_SERVICE_NAME); }',
        '  @Post()',
        '  async create() {',
        '    await firstValueFrom(this.payments.createCharge({ amount: 1 }));',
        '    await firstValueFrom(this.payments.refund({ amount: 1 }));',
        '  }',
        '}',
      ),
      'services/payments/src/main.ts': "import { NestFactory } from '@nestjs/core';\nawait NestFactory.createMicroservice({} as never);\n",
      'services/payments/src/payments.controller.ts': lines(
        "import { Controller } from '@nestjs/common';",
        "import { PaymentsServiceControllerMethods } from '@app/common';",
        '@Controller()',
        '@PaymentsServiceControllerMethods()',
        'export class PaymentsController { async createCharge() { return {}; } }',
      ),
    });
    const graph = (await analyze({ paths: [root], onlyRules: [] })).model.serviceGraph();
    expect(graph.edges.map((edge) => `${edge.from} -> ${edge.to} ${edge.label}`)).toEqual(['reservations -> payments rpc PaymentsService/CreateCharge']);
  });
});
