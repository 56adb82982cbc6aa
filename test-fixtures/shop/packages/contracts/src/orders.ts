import { z } from 'zod';
import { CurrencySchema, type Currency } from './catalog';

export const OrderLineInputSchema = z.object({
  sku: z.string().min(1),
  quantity: z.number().int().positive().max(100),
});

/** POST orders /orders (and POST gateway /checkout, which forwards it). */
export const CreateOrderRequestSchema = z.object({
  customerId: z.uuid(),
  customerEmail: z.email(),
  currency: CurrencySchema,
  paymentMethodId: z.string().min(1),
  lines: z.array(OrderLineInputSchema).min(1).max(50),
});
export type CreateOrderRequest = z.infer<typeof CreateOrderRequestSchema>;

export type OrderStatus = 'pending' | 'paid' | 'payment_failed' | 'cancelled' | 'refunded';

export interface OrderLineDto {
  sku: string;
  quantity: number;
  unitPriceCents: number;
}

/** GET orders /orders/:id */
export interface OrderDto {
  id: string;
  customerId: string;
  status: OrderStatus;
  currency: Currency;
  lines: OrderLineDto[];
  totalCents: number;
  paymentId: string | null;
  placedAt: string;
}

/** GET orders /orders?customerId= */
export interface OrderSummaryDto {
  id: string;
  status: OrderStatus;
  currency: Currency;
  totalCents: number;
  placedAt: string;
}

export const ORDERS_EXCHANGE = 'orders';
export const ORDER_PLACED = 'order.placed';

/** Published on the `orders` topic exchange with routing key `order.placed`. */
export interface OrderPlacedEvent {
  orderId: string;
  customerId: string;
  customerEmail: string;
  currency: Currency;
  totalCents: number;
  lines: OrderLineDto[];
  placedAt: string;
  /** Free-form extras (campaign, channel, …) — see the README: nobody knows what is in here. */
  metadata: Record<string, any>;
}
