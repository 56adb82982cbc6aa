import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ORDER_PLACED, ORDERS_EXCHANGE, type OrderPlacedEvent } from '@shop/contracts';
import { createLogger } from '@shop/logger';
import * as amqp from 'amqplib';
import pRetry from 'p-retry';

const log = createLogger('orders').child({ component: 'OrderEventsPublisher' });

@Injectable()
export class OrderEventsPublisher implements OnModuleInit, OnModuleDestroy {
  private connection?: amqp.ChannelModel;
  private channel?: amqp.ConfirmChannel;

  async onModuleInit(): Promise<void> {
    const url = process.env.RABBITMQ_URL ?? 'amqp://rabbitmq:5672';
    // RabbitMQ may still be starting when the pod comes up; give it a few tries, then crash and let the orchestrator restart us.
    this.connection = await pRetry(() => amqp.connect(url), {
      retries: 5,
      minTimeout: 500,
      onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => {
        log.warn('rabbitmq connection failed', { attemptNumber, retriesLeft, errorMessage: error.message });
      },
    });
    this.channel = await this.connection.createConfirmChannel();
    await this.channel.assertExchange(ORDERS_EXCHANGE, 'topic', { durable: true });
  }

  async publishOrderPlaced(event: OrderPlacedEvent): Promise<void> {
    if (!this.channel) throw new Error('OrderEventsPublisher used before onModuleInit');
    this.channel.publish(ORDERS_EXCHANGE, ORDER_PLACED, Buffer.from(JSON.stringify(event)), {
      persistent: true,
      contentType: 'application/json',
      messageId: event.orderId,
    });
    await this.channel.waitForConfirms();
    log.info('published', { routingKey: ORDER_PLACED, orderId: event.orderId });
  }

  async onModuleDestroy(): Promise<void> {
    await this.channel?.close();
    await this.connection?.close();
  }
}
