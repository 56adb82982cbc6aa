import express from 'express';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matches, searchRouter } from './search.js';

describe('search', () => {
  let server: Server;

  beforeAll(() => {
    const app = express();
    app.use('/search', searchRouter);
    server = app.listen(3102);
  });

  afterAll(() => server.close());

  it('matches titles case-insensitively', () => {
    expect(matches({ sku: 'K-1', title: 'Kettle', priceCents: 2999 }, 'kettle')).toBe(true);
  });

  it('answers GET /search', async () => {
    // Needs catalog running on CATALOG_URL (npm run dev -w @acme/catalog).
    const response = await fetch('http://localhost:3102/search?q=kettle');
    expect(response.status).toBe(200);
  });
});
