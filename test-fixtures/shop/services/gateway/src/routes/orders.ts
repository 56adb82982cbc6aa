import type { OrderDto, OrderSummaryDto, PaymentDto } from '@shop/contracts';
import { Router } from 'express';
import { ordersApi, paymentsApi } from '../clients';

export const ordersRouter = Router();

ordersRouter.get('/orders/:id', async (req, res) => {
  const { data: order } = await ordersApi.get<OrderDto>(`/orders/${encodeURIComponent(req.params.id)}`);
  if (!order.paymentId) {
    res.json({ order, payment: null });
    return;
  }
  // Needs the order first: the payment id comes from it.
  const { data: payment } = await paymentsApi.get<PaymentDto>(`/payments/${order.paymentId}`);
  res.json({ order, payment });
});

ordersRouter.get('/customers/:customerId/overview', async (req, res) => {
  const { customerId } = req.params;
  const { data: orders } = await ordersApi.get<OrderSummaryDto[]>('/orders', { params: { customerId } });
  const { data: payments } = await paymentsApi.get<PaymentDto[]>('/payments', { params: { customerId } });

  res.json({
    customerId,
    orders,
    payments,
    openOrders: orders.filter((order) => order.status === 'pending').length,
    refundedCents: payments
      .filter((payment) => payment.status === 'refunded')
      .reduce((sum, payment) => sum + payment.amountCents, 0),
  });
});
