import express, { type Request, type Response } from 'express';
import { startServer } from '@acme/commons';

const upstreams = {
  catalog: process.env.CATALOG_URL ?? 'http://localhost:3001',
  search: process.env.SEARCH_URL ?? 'http://localhost:3002',
};

/** Forwards a GET to an upstream service, passing its status and JSON body through. */
function forward(upstream: string, path: (req: Request) => string) {
  return async (req: Request, res: Response) => {
    const response = await fetch(`${upstream}${path(req)}`, { signal: AbortSignal.timeout(3000) });
    res.status(response.status).json(await response.json());
  };
}

const app = express();
app.get('/api/products/:sku', forward(upstreams.catalog, (req) => `/products/${encodeURIComponent(String(req.params.sku))}`));
app.get('/api/search', forward(upstreams.search, (req) => `/search?q=${encodeURIComponent(String(req.query.q ?? ''))}`));

await startServer(app, Number(process.env.PORT ?? 8080));
