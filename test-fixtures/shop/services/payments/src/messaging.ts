import { PAYMENT_FAILED, PAYMENTS_EXCHANGE, type PaymentFailedEvent } from '@shop/contracts';
import { createLogger } from '@shop/logger';
import * as amqp from 'amqplib';

const log = createLogger('payments').child({ component: 'PaymentEventsPublisher' });

export class PaymentEventsPublisher {
  private constructor(
    private readonly connection: amqp.ChannelModel,
    private readonly channel: amqp.ConfirmChannel,
  ) {}

  static async connect(url: string): Promise<PaymentEventsPublisher> {
    const connection = await amqp.connect(url);
    const channel = await connection.createConfirmChannel();
    await channel.assertExchange(PAYMENTS_EXCHANGE, 'topic', { durable: true });
    return new PaymentEventsPublisher(connection, channel);
  }

  async paymentFailed(event: PaymentFailedEvent): Promise<void> {
    this.channel.publish(PAYMENTS_EXCHANGE, PAYMENT_FAILED, Buffer.from(JSON.stringify(event)), {
      persistent: true,
      contentType: 'application/json',
      messageId: event.paymentId,
    });
    await this.channel.waitForConfirms();
    log.info('published', { routingKey: PAYMENT_FAILED, paymentId: event.paymentId });
  }

  async close(): Promise<void> {
    await this.channel.close();
    await this.connection.close();
  }
}
