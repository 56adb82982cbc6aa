import { InventoryRequestError } from '@shop/inventory-client';
import { createLogger } from '@shop/logger';
import { isAxiosError } from 'axios';
import express, { type ErrorRequestHandler } from 'express';
import { catalogRouter } from './routes/catalog';
import { checkoutRouter } from './routes/checkout';
import { ordersRouter } from './routes/orders';

const log = createLogger('gateway');

const app = express();
app.disable('x-powered-by');
app.use(express.json({ limit: '100kb' }));

app.get('/health', (_req, res) => {
  res.json({ status: 'ok' });
});
app.use(checkoutRouter);
app.use(ordersRouter);
app.use(catalogRouter);

const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  if (isAxiosError(err) && err.response) {
    log.warn('upstream request failed', { path: req.path, upstream: err.config?.baseURL, status: err.response.status });
    res.status(err.response.status === 404 ? 404 : 502).json({ error: 'upstream_error' });
    return;
  }
  if (err instanceof InventoryRequestError) {
    log.warn('inventory request failed', { path: req.path, status: err.status });
    res.status(err.status === 404 ? 404 : 502).json({ error: 'upstream_error' });
    return;
  }
  log.error('unhandled error', { path: req.path, err });
  res.status(500).json({ error: 'internal_error' });
};
app.use(errorHandler);

const port = Number(process.env.PORT ?? 3000);
// With docker compose up, the gateway is published on the host: curl http://localhost:4000/catalog
app.listen(port, () => {
  log.info('gateway listening', { url: `http://localhost:${port}` });
});
