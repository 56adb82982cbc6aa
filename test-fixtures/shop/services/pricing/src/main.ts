import { createLogger } from '@shop/logger';
import express from 'express';
import pg from 'pg';
import { startRateRefresh } from './fx-rates';
import { createPricesRouter } from './prices.router';

const log = createLogger('pricing');

async function main(): Promise<void> {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 5 });
  await startRateRefresh();

  const app = express();
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use(createPricesRouter(pool));

  const port = Number(process.env.PORT ?? 3000);
  app.listen(port, () => log.info('pricing listening', { port }));
}

main().catch((err: unknown) => {
  log.error('pricing failed to start', { err });
  process.exit(1);
});
