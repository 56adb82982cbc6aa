import { Kafka, logLevel } from 'kafkajs';

export const Topics = {
  OrderCreated: 'order.created',
  ShipmentCreated: 'shipment.created',
} as const;

export interface OrderCreatedMessage {
  orderId: string;
  customerId: string;
  totalCents: number;
}

export interface ShipmentCreatedMessage {
  shipmentId: string;
  orderId: string;
  carrier: string;
}

export function createKafka(clientId: string): Kafka {
  const brokers = (process.env.KAFKA_BROKERS ?? 'localhost:9092').split(',');
  return new Kafka({ clientId, brokers, logLevel: logLevel.WARN });
}
