import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { CreateOrderRequest } from '@shop/contracts';
import { calculateOrderTotal, Order, OrderLine } from '@shop/domain';
import { InventoryClient } from '@shop/inventory-client';
import { createLogger } from '@shop/logger';
import { DataSource, type Repository } from 'typeorm';
import { isReservable } from '../../../inventory/src/items/item-rules';
import { InventoryItemSchema } from '../inventory/inventory-item.schema';
import { OrderEventsPublisher } from '../messaging/order-events.publisher';
import { PaymentsClient } from '../payments/payments.client';

@Injectable()
export class OrdersService {
  private readonly log = createLogger('orders').child({ component: 'OrdersService' });
  private readonly orders: Repository<Order>;

  constructor(
    dataSource: DataSource,
    private readonly inventory: InventoryClient,
    private readonly payments: PaymentsClient,
    private readonly events: OrderEventsPublisher,
  ) {
    this.orders = dataSource.getRepository(Order);
  }

  async placeOrder(input: CreateOrderRequest): Promise<Order> {
    const lines: OrderLine[] = [];
    for (const requested of input.lines) {
      const response = await this.inventory.getItem(requested.sku);
      const item = InventoryItemSchema.parse(response);
      if (!isReservable(item, requested.quantity)) {
        throw new ConflictException(`${item.sku} is not available in quantity ${requested.quantity}`);
      }
      lines.push(this.orders.manager.create(OrderLine, {
        sku: item.sku,
        quantity: requested.quantity,
        unitPriceCents: item.priceCents,
      }));
    }

    const order = await this.orders.save(
      this.orders.create({
        customerId: input.customerId,
        status: 'pending',
        currency: input.currency,
        totalCents: calculateOrderTotal(lines),
        paymentId: null,
        lines,
      }),
    );

    await this.inventory.reserve({ orderId: order.id, lines: input.lines });

    const payment = await this.payments.charge({
      orderId: order.id,
      amountCents: order.totalCents,
      currency: order.currency,
      paymentMethodId: input.paymentMethodId,
    });
    order.paymentId = payment.id;
    order.status = payment.status === 'succeeded' ? 'paid' : 'payment_failed';
    await this.orders.save(order);
    this.log.info('order placed', { orderId: order.id, status: order.status, totalCents: order.totalCents });

    if (order.status === 'paid') {
      await this.events.publishOrderPlaced({
        orderId: order.id,
        customerId: order.customerId,
        customerEmail: input.customerEmail,
        currency: order.currency,
        totalCents: order.totalCents,
        lines: order.lines.map((line) => ({
          sku: line.sku,
          quantity: line.quantity,
          unitPriceCents: line.unitPriceCents,
        })),
        placedAt: order.placedAt.toISOString(),
        metadata: { channel: 'web' },
      });
    }
    return order;
  }

  async getOrder(id: string): Promise<Order> {
    const order = await this.orders.findOne({ where: { id }, relations: { customer: true } });
    if (!order) throw new NotFoundException(`order ${id} not found`);
    return order;
  }

  async listForCustomer(customerId: string): Promise<Order[]> {
    return this.orders.find({ where: { customerId }, order: { placedAt: 'DESC' }, take: 50 });
  }
}
