import 'reflect-metadata';
import { createLogger } from '@shop/logger';
import express, { type ErrorRequestHandler } from 'express';
import { dataSource } from './database';
import { PaymentEventsPublisher } from './messaging';
import { createPaymentsRouter } from './payments.router';

const log = createLogger('payments');

async function main(): Promise<void> {
  await dataSource.initialize();
  const events = await PaymentEventsPublisher.connect(process.env.RABBITMQ_URL ?? 'amqp://rabbitmq:5672');

  const app = express();
  app.use(express.json());
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use(createPaymentsRouter(dataSource, events));

  const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
    log.error('unhandled error', { path: req.path, err });
    res.status(500).json({ error: 'internal_error' });
  };
  app.use(errorHandler);

  const port = Number(process.env.PORT ?? 3000);
  const server = app.listen(port, () => log.info('payments listening', { port }));

  process.on('SIGTERM', () => {
    server.close(() => {
      void Promise.all([events.close(), dataSource.destroy()]);
    });
  });
}

main().catch((err: unknown) => {
  log.error('payments failed to start', { err });
  process.exit(1);
});
