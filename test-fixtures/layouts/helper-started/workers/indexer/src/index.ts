import { logger, startConsumer } from '@acme/commons';
import { CatalogClient } from '@acme/catalog-client';

const catalog = new CatalogClient();
const index = new Map<string, string>();

await startConsumer({
  clientId: 'indexer',
  groupId: 'search-indexer',
  topic: 'product.updated',
  handle: async ({ message }) => {
    const sku = message.key?.toString();
    if (!sku) return;
    const product = await catalog.getProduct(sku);
    if (product) index.set(sku, product.title.toLowerCase());
    else index.delete(sku);
    logger.info('indexed', { sku });
  },
});
