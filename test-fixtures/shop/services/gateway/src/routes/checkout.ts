import { randomUUID } from 'node:crypto';
import { CreateOrderRequestSchema, type OrderDto } from '@shop/contracts';
import { createLogger } from '@shop/logger';
import { Router } from 'express';
import { ordersApi } from '../clients';

const log = createLogger('gateway').child({ router: 'checkout' });

export const checkoutRouter = Router();

checkoutRouter.post('/checkout', async (req, res) => {
  const parsed = CreateOrderRequestSchema.safeParse(req.body);
  if (!parsed.success) {
    res.status(400).json({ error: 'invalid_request', issues: parsed.error.issues });
    return;
  }

  const idempotencyKey = req.get('idempotency-key') ?? randomUUID();
  const { data: order } = await ordersApi.post<OrderDto>('/orders', parsed.data, {
    headers: { 'idempotency-key': idempotencyKey },
  });

  log.info('order placed', { orderId: order.id, customerId: order.customerId, totalCents: order.totalCents });
  res.status(201).json(order);
});
