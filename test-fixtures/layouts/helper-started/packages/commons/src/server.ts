import type { Express } from 'express';
import type { Server } from 'node:http';
import { logger } from './logger.js';

/**
 * Starts an HTTP server for a service's express app, with the health route and graceful shutdown every service needs.
 */
export function startServer(app: Express, port: number): Promise<Server> {
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  return new Promise((resolve) => {
    const server = app.listen(port, () => {
      logger.info('listening', { port });
      resolve(server);
    });
    process.once('SIGTERM', () => server.close());
  });
}
