import { createLogger } from '@shop/logger';
import { isAxiosError } from 'axios';
import express, { type ErrorRequestHandler } from 'express';
import { pool } from './db';
import { itemsRouter } from './items/items.router';

const log = createLogger('inventory');

const app = express();
app.use(express.json());
app.get('/health', async (_req, res) => {
  await pool.query('SELECT 1');
  res.json({ status: 'ok' });
});
app.use(itemsRouter);

const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  if (isAxiosError(err)) {
    log.warn('pricing unavailable', { path: req.path, status: err.response?.status ?? null, code: err.code });
    res.status(503).json({ error: 'pricing_unavailable' });
    return;
  }
  log.error('unhandled error', { path: req.path, err });
  res.status(500).json({ error: 'internal_error' });
};
app.use(errorHandler);

const port = Number(process.env.PORT ?? 3000);
const server = app.listen(port, () => log.info('inventory listening', { port }));

process.on('SIGTERM', () => {
  server.close(() => void pool.end());
});
