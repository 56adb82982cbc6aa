export const ORDERS_EXCHANGE = 'orders';

export enum Subjects {
  OrderCreated = 'order.created',
  OrderCancelled = 'order.cancelled',
}

export interface OrderCreatedEvent {
  subject: Subjects.OrderCreated;
  data: {
    orderId: string;
    userId: string;
    totalCents: number;
  };
}
