import { ORDER_PLACED, ORDERS_EXCHANGE, type OrderPlacedEvent } from '@shop/contracts';
import { createLogger } from '@shop/logger';
import type { Channel } from 'amqplib';
import { emailQueue, formatAmount } from '../email';
import { Notification } from '../notification.model';

const log = createLogger('notifications').child({ consumer: 'order-placed' });

const QUEUE = 'notifications.order-placed';

export async function consumeOrderPlaced(channel: Channel): Promise<void> {
  await channel.assertExchange(ORDERS_EXCHANGE, 'topic', { durable: true });
  await channel.assertQueue(QUEUE, { durable: true });
  await channel.bindQueue(QUEUE, ORDERS_EXCHANGE, ORDER_PLACED);

  await channel.consume(QUEUE, async (msg) => {
    if (!msg) return; // the broker cancelled the consumer
    try {
      const event = JSON.parse(msg.content.toString()) as OrderPlacedEvent;
      await Notification.create({ kind: 'order-confirmation', subjectId: event.orderId, recipient: event.customerEmail });
      await emailQueue.add(
        'order-confirmation',
        {
          to: event.customerEmail,
          subject: `Your order ${event.orderId.slice(0, 8)} is confirmed`,
          text: `Thanks for your order of ${event.lines.length} item(s), ${formatAmount(event.totalCents, event.currency)} in total.`,
        },
        { attempts: 5, backoff: { type: 'exponential', delay: 10_000 }, removeOnComplete: 1_000, removeOnFail: true },
      );
      channel.ack(msg);
    } catch (err) {
      log.error('order.placed handling failed, requeueing', { err, messageId: msg.properties.messageId });
      channel.nack(msg, false, true);
    }
  });
  log.info('consuming', { queue: QUEUE });
}
