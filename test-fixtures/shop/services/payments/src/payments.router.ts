import { ChargeRequestSchema, type PaymentDto } from '@shop/contracts';
import { calculateOrderTotal, Order } from '@shop/domain';
import { createLogger } from '@shop/logger';
import { formatMoney } from '@shop/pricing';
import { isAxiosError } from 'axios';
import { Router } from 'express';
import type { DataSource } from 'typeorm';
import { fetchOrder, stripe } from './clients';
import type { PaymentEventsPublisher } from './messaging';
import { Payment } from './payment.entity';

const log = createLogger('payments').child({ router: 'payments' });

interface StripeCharge {
  id: string;
  status: 'succeeded' | 'pending' | 'failed';
}

function toPaymentDto(payment: Payment): PaymentDto {
  return {
    id: payment.id,
    orderId: payment.orderId,
    customerId: payment.customerId,
    amountCents: payment.amountCents,
    currency: payment.currency,
    status: payment.status,
    createdAt: payment.createdAt.toISOString(),
    failureDetails: payment.status === 'failed' ? payment.providerResponse : undefined,
  };
}

export function createPaymentsRouter(dataSource: DataSource, events: PaymentEventsPublisher): Router {
  const payments = dataSource.getRepository(Payment);
  const router = Router();

  router.post('/payments/charges', async (req, res) => {
    const parsed = ChargeRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: 'invalid_request', issues: parsed.error.issues });
      return;
    }
    const request = parsed.data;

    const order = await dataSource.getRepository(Order).findOne({
      where: { id: request.orderId },
      relations: { customer: true },
    });
    if (!order) {
      res.status(404).json({ error: 'order_not_found' });
      return;
    }
    if (calculateOrderTotal(order.lines) !== request.amountCents) {
      res.status(422).json({ error: 'amount_mismatch' });
      return;
    }

    const payment = payments.create({
      orderId: order.id,
      customerId: order.customerId,
      amountCents: request.amountCents,
      currency: request.currency,
      status: 'failed',
      providerChargeId: null,
    });
    try {
      const { data: charge } = await stripe.post<StripeCharge>(
        '/charges',
        new URLSearchParams({
          amount: String(request.amountCents),
          currency: request.currency.toLowerCase(),
          source: request.paymentMethodId,
          description: `Shop order ${order.id} (${formatMoney(request.amountCents, request.currency)})`,
        }),
        { headers: { 'idempotency-key': req.get('idempotency-key') ?? `order-${order.id}` } },
      );
      payment.status = charge.status === 'succeeded' ? 'succeeded' : 'failed';
      payment.providerChargeId = charge.id;
    } catch (err) {
      // 402: the card was declined. Anything else is our problem or Stripe's: let it surface as a 5xx.
      if (!isAxiosError(err) || err.response?.status !== 402) throw err;
      payment.providerResponse = err.response.data;
    }
    await payments.save(payment);

    if (payment.status === 'failed') {
      await events.paymentFailed({
        paymentId: payment.id,
        orderId: order.id,
        customerEmail: order.customer?.email ?? '',
        amountCents: payment.amountCents,
        currency: payment.currency,
        reason: 'card_declined',
        failedAt: new Date().toISOString(),
      });
    }
    log.info('charge processed', { paymentId: payment.id, orderId: order.id, status: payment.status });
    res.status(201).json(toPaymentDto(payment));
  });

  router.get('/payments', async (req, res) => {
    const customerId = typeof req.query.customerId === 'string' ? req.query.customerId : undefined;
    if (!customerId) {
      res.status(400).json({ error: 'customerId_required' });
      return;
    }
    const found = await payments.find({ where: { customerId }, order: { createdAt: 'DESC' }, take: 50 });
    res.json(found.map(toPaymentDto));
  });

  router.get('/payments/:id', async (req, res) => {
    const payment = await payments.findOneBy({ id: req.params.id });
    if (!payment) {
      res.status(404).json({ error: 'payment_not_found' });
      return;
    }
    res.json(toPaymentDto(payment));
  });

  router.post('/payments/:id/refunds', async (req, res) => {
    const payment = await payments.findOneBy({ id: req.params.id });
    if (!payment) {
      res.status(404).json({ error: 'payment_not_found' });
      return;
    }
    if (payment.status !== 'succeeded' || !payment.providerChargeId) {
      res.status(409).json({ error: 'not_refundable', status: payment.status });
      return;
    }
    // Orders owns the order lifecycle: only cancelled orders get their money back.
    const order = await fetchOrder(payment.orderId);
    if (order.status !== 'cancelled') {
      res.status(409).json({ error: 'order_not_cancelled', orderStatus: order.status });
      return;
    }

    const chargeId = payment.providerChargeId;
    // If Stripe refuses the refund, the status change rolls back with it.
    const refunded = await dataSource.transaction(async (manager) => {
      payment.status = 'refunded';
      await manager.save(payment);
      await stripe.post('/refunds', new URLSearchParams({ charge: chargeId, reason: 'requested_by_customer' }));
      return payment;
    });
    log.info('payment refunded', { paymentId: refunded.id, orderId: refunded.orderId });
    res.json(toPaymentDto(refunded));
  });

  return router;
}
