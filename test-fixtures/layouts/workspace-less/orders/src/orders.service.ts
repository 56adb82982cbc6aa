import { NotFoundError, Subjects } from '@acme/common';
import { Order } from './order.model';
import type { Publisher } from './publisher';

export interface OrderItemInput {
  sku: string;
  quantity: number;
  priceCents: number;
}

export class OrdersService {
  constructor(private readonly publisher: Publisher) {}

  async findOne(id: string) {
    const order = await Order.findById(id).lean();
    if (!order) throw new NotFoundError('order');
    return { id: String(order._id), userId: order.userId, status: order.status, items: order.items };
  }

  async create(userId: string, items: OrderItemInput[]) {
    const order = await Order.create({ userId, items });
    const totalCents = items.reduce((sum, item) => sum + item.priceCents * item.quantity, 0);
    this.publisher.orderCreated({ subject: Subjects.OrderCreated, data: { orderId: String(order._id), userId, totalCents } });
    return { id: String(order._id), status: order.status };
  }
}
