import { OrdersService } from './orders.service';

describe('OrdersService', () => {
  it('publishes order.created for a new order', async () => {
    const published: unknown[] = [];
    const service = new OrdersService({ orderCreated: (event) => published.push(event) });

    // The user must exist before an order is placed for them.
    const user = await fetch('http://users:3000/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ada@example.com', name: 'Ada' }),
    }).then((res) => res.json());

    await service.create(user.id, [{ sku: 'A-1', quantity: 1, priceCents: 1200 }]);
    expect(published).toHaveLength(1);
  });
});
