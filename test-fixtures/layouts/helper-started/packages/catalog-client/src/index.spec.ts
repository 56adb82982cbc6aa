import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogClient } from './index.js';

describe('CatalogClient', () => {
  let server: Server;
  let client: CatalogClient;

  beforeAll(async () => {
    const fake = express();
    fake.get('/products/:sku', (req, res) => {
      if (req.params.sku === 'missing') res.sendStatus(404);
      else res.json({ sku: req.params.sku, title: 'Kettle', priceCents: 2999 });
    });
    server = await new Promise<Server>((resolve) => {
      const listening = fake.listen(0, () => resolve(listening));
    });
    client = new CatalogClient(`http://localhost:${(server.address() as AddressInfo).port}`);
  });

  afterAll(() => server.close());

  it('returns undefined for an unknown sku', async () => {
    expect(await client.getProduct('missing')).toBeUndefined();
  });

  it('reads a product', async () => {
    expect(await client.getProduct('K-1')).toMatchObject({ sku: 'K-1' });
  });
});
