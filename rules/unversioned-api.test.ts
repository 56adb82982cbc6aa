import { docExamples } from './testing/doc-examples.js';
import { ruleTester } from './testing/rule-tester.js';
import rule from './unversioned-api.js';

const pkg = JSON.stringify({ name: '@shop/orders', version: '1.0.0' });

ruleTester(rule, {
  valid: [
    {
      name: 'routes under a version, through a mount prefix; health and metrics probes',
      files: {
        'services/orders/package.json': pkg,
        'services/orders/src/main.ts':
          "import express from 'express';\nimport { ordersRouter } from './orders.router';\nconst app = express();\napp.use('/api/v2', ordersRouter);\napp.get('/health', (_req, res) => res.json({ ok: true }));\napp.get('/metrics', (_req, res) => res.send(''));\napp.listen(3000);\n",
        'services/orders/src/orders.router.ts': "import { Router } from 'express';\nexport const ordersRouter = Router();\nordersRouter.get('/orders/:id', (req, res) => res.json({ id: req.params.id }));\n",
      },
    },
    {
      name: 'a handler that selects the version from a header',
      files: {
        'services/orders/package.json': pkg,
        'services/orders/src/main.ts':
          "import express from 'express';\nconst app = express();\napp.get('/orders', (req, res) => {\n  const version = req.get('accept-version') ?? '1';\n  res.json({ version });\n});\napp.listen(3000);\n",
      },
    },
    {
      name: 'Nest header versioning with a default version',
      files: {
        'services/orders/package.json': pkg,
        'services/orders/src/main.ts':
          "import { NestFactory } from '@nestjs/core';\nimport { VersioningType } from '@nestjs/common';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.enableVersioning({ type: VersioningType.HEADER, header: 'x-api-version', defaultVersion: '1' });\n  await app.listen(3000);\n}\nvoid bootstrap();\n",
        'services/orders/src/app.module.ts': "import { Module } from '@nestjs/common';\nimport { OrdersController } from './orders.controller';\n@Module({ controllers: [OrdersController] })\nexport class AppModule {}\n",
        'services/orders/src/orders.controller.ts': "import { Controller, Get } from '@nestjs/common';\n@Controller('orders')\nexport class OrdersController {\n  @Get()\n  list() {\n    return [];\n  }\n}\n",
      },
    },
  ],
  invalid: [
    {
      name: 'an express route and a Nest route with no version (Nest @Version without versioning enabled does nothing)',
      files: {
        'services/orders/package.json': pkg,
        'services/orders/src/main.ts':
          "import express from 'express';\nconst app = express();\napp.post('/orders', (_req, res) => {\n  res.status(201).json({});\n});\napp.listen(3000);\n",
        'services/payments/package.json': JSON.stringify({ name: '@shop/payments' }),
        'services/payments/src/main.ts':
          "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  await app.listen(3000);\n}\nvoid bootstrap();\n",
        'services/payments/src/app.module.ts': "import { Module } from '@nestjs/common';\nimport { PaymentsController } from './payments.controller';\n@Module({ controllers: [PaymentsController] })\nexport class AppModule {}\n",
        'services/payments/src/payments.controller.ts': "import { Controller, Get, Version } from '@nestjs/common';\n@Controller('payments')\nexport class PaymentsController {\n  @Version('2')\n  @Get(':id')\n  find() {\n    return {};\n  }\n}\n",
      },
      errors: [
        { file: 'services/orders/src/main.ts', line: 3, column: 1, message: '`POST /orders` (orders) has no version' },
        { file: 'services/payments/src/payments.controller.ts', line: 4, column: 3, message: '`GET /payments/:id` (payments)' },
      ],
    },
  ],
});

docExamples(rule);
