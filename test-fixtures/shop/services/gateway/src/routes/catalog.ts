import type { InventoryItemDto } from '@shop/contracts';
import { Router } from 'express';
import { inventory } from '../clients';

export const catalogRouter = Router();

catalogRouter.get('/catalog', async (_req, res) => {
  const items: InventoryItemDto[] = [];
  let page = await inventory.listItems();
  items.push(...page.items);
  while (page.nextCursor) {
    page = await inventory.listItems(page.nextCursor);
    items.push(...page.items);
  }
  res.json({ items: items.filter((item) => item.status === 'active') });
});

// The one route the mobile app calls directly, versioned since the app store keeps old builds alive for months.
catalogRouter.get('/v1/catalog/:sku/availability', async (req, res) => {
  const stock = await inventory.getStock(req.params.sku);
  res.json({ sku: stock.sku, inStock: stock.available > 0, available: stock.available });
});
