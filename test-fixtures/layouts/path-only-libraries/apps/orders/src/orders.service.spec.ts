import { of } from 'rxjs';
import { OrdersService } from './orders.service';

describe('OrdersService', () => {
  it('marks an order paid when the charge succeeds', async () => {
    const payments = { send: jest.fn(() => of({ chargeId: 'ch_1', status: 'succeeded' })) };
    const service = new OrdersService(payments as never);
    await expect(service.place({ customerId: 'c-1', totalCents: 1000 })).resolves.toMatchObject({ status: 'paid' });
  });

  it('is reachable on the dev stack', async () => {
    const response = await fetch('http://orders:3000/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ customerId: 'c-1', totalCents: 1000 }),
    });
    expect(response.status).toBe(201);
  });
});
