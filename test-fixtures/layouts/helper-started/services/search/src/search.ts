import { Router } from 'express';
import { CatalogClient, type Product } from '@acme/catalog-client';

const catalog = new CatalogClient();

export function matches(product: Product, query: string): boolean {
  return product.title.toLowerCase().includes(query.toLowerCase()) || product.sku === query;
}

export const searchRouter = Router();

searchRouter.get('/', async (req, res) => {
  const query = String(req.query.q ?? '');
  const products = await catalog.listProducts();
  res.json(products.filter((product) => matches(product, query)));
});
