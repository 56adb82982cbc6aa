import amqp from 'amqplib';
import { ORDERS_EXCHANGE, type OrderCreatedEvent } from '@acme/common';

export interface Publisher {
  orderCreated(event: OrderCreatedEvent): void;
}

export async function connectPublisher(url: string): Promise<Publisher> {
  const connection = await amqp.connect(url);
  const channel = await connection.createChannel();
  await channel.assertExchange(ORDERS_EXCHANGE, 'topic', { durable: true });
  return {
    orderCreated(event) {
      channel.publish(ORDERS_EXCHANGE, event.subject, Buffer.from(JSON.stringify(event.data)), { persistent: true });
    },
  };
}
