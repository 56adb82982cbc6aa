// Runs against the compose stack: docker compose up -d, then npm run test:e2e.
describe('gateway (e2e)', () => {
  it('proxies an order from the orders service', async () => {
    const created = await fetch('http://orders:3000/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'u-1', items: [{ sku: 'A-1', quantity: 2 }] }),
    });
    const order = await created.json();

    const response = await fetch(`http://gateway:3000/api/orders/${order.id}`);
    expect(response.status).toBe(200);
  });
});
