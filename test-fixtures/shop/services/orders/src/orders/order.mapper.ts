import type { OrderDto, OrderSummaryDto } from '@shop/contracts';
import type { Order } from '@shop/domain';

export function toOrderDto(order: Order): OrderDto {
  return {
    id: order.id,
    customerId: order.customerId,
    status: order.status,
    currency: order.currency,
    lines: order.lines.map((line) => ({ sku: line.sku, quantity: line.quantity, unitPriceCents: line.unitPriceCents })),
    totalCents: order.totalCents,
    paymentId: order.paymentId,
    placedAt: order.placedAt.toISOString(),
  };
}

export function toOrderSummary(order: Order): OrderSummaryDto {
  return {
    id: order.id,
    status: order.status,
    currency: order.currency,
    totalCents: order.totalCents,
    placedAt: order.placedAt.toISOString(),
  };
}
