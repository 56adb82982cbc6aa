// Rebuilds the search index from the catalog of a local stack: npm run reindex
async function reindex() {
  const products: Array<{ sku: string }> = await fetch('http://localhost:3001/products').then((res) => res.json());
  for (const product of products) {
    await fetch(`http://search:3002/search/index/${product.sku}`, { method: 'PUT' });
  }
  console.log(`reindexed ${products.length} products`);
}

reindex().catch((error) => {
  console.error(error);
  process.exit(1);
});
