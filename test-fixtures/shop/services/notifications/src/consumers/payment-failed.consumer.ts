import { PAYMENT_FAILED, PAYMENTS_EXCHANGE, type PaymentFailedEvent } from '@shop/contracts';
import { createLogger } from '@shop/logger';
import type { Channel } from 'amqplib';
import { emailQueue, formatAmount } from '../email';
import { Notification } from '../notification.model';

const log = createLogger('notifications').child({ consumer: 'payment-failed' });

const QUEUE = 'notifications.payment-failed';
const DEAD_LETTER_EXCHANGE = 'notifications.payment-failed.dlx';
const DEAD_LETTER_QUEUE = 'notifications.payment-failed.dlq';
const MAX_DELIVERIES = 5;
const ONE_WEEK_SECONDS = 7 * 24 * 3600;

export async function consumePaymentFailed(channel: Channel): Promise<void> {
  await channel.assertExchange(PAYMENTS_EXCHANGE, 'topic', { durable: true });
  await channel.assertExchange(DEAD_LETTER_EXCHANGE, 'fanout', { durable: true });
  await channel.assertQueue(DEAD_LETTER_QUEUE, { durable: true });
  await channel.bindQueue(DEAD_LETTER_QUEUE, DEAD_LETTER_EXCHANGE, '');
  // Quorum queue: the broker counts deliveries and dead-letters a message after MAX_DELIVERIES.
  await channel.assertQueue(QUEUE, {
    durable: true,
    deadLetterExchange: DEAD_LETTER_EXCHANGE,
    arguments: { 'x-queue-type': 'quorum', 'x-delivery-limit': MAX_DELIVERIES },
  });
  await channel.bindQueue(QUEUE, PAYMENTS_EXCHANGE, PAYMENT_FAILED);

  await channel.consume(QUEUE, async (msg) => {
    if (!msg) return; // the broker cancelled the consumer
    try {
      const event = JSON.parse(msg.content.toString()) as PaymentFailedEvent;
      await Notification.create({ kind: 'payment-failed', subjectId: event.paymentId, recipient: event.customerEmail });
      await emailQueue.add(
        'payment-failed',
        {
          to: event.customerEmail,
          subject: 'We could not charge your card',
          text: `Your payment of ${formatAmount(event.amountCents, event.currency)} was declined. Your order is on hold for 48 hours.`,
        },
        { attempts: 5, backoff: { type: 'exponential', delay: 10_000 }, removeOnFail: { age: ONE_WEEK_SECONDS } },
      );
      channel.ack(msg);
    } catch (err) {
      const deliveryCount = Number(msg.properties.headers?.['x-delivery-count'] ?? 0);
      const requeue = deliveryCount + 1 < MAX_DELIVERIES;
      log.warn('payment.failed handling failed', { err, deliveryCount, requeue, messageId: msg.properties.messageId });
      // Without requeue the message goes to the dead-letter queue, where support can inspect and replay it.
      channel.nack(msg, false, requeue);
    }
  });
  log.info('consuming', { queue: QUEUE });
}
