import { z } from 'zod';

export const CurrencySchema = z.enum(['EUR', 'USD', 'GBP']);
export type Currency = z.infer<typeof CurrencySchema>;

export type ItemStatus = 'active' | 'discontinued';

/** GET inventory /items/:sku */
export interface InventoryItemDto {
  sku: string;
  name: string;
  description: string;
  status: ItemStatus;
  /** Units that can still be reserved. */
  available: number;
  priceCents: number;
  currency: Currency;
}

/** GET inventory /items?cursor= */
export interface ItemPageDto {
  items: InventoryItemDto[];
  nextCursor: string | null;
}

/** GET inventory /items/:sku/stock */
export interface StockLevelDto {
  sku: string;
  available: number;
  reserved: number;
  updatedAt: string;
}

export const ReservationRequestSchema = z.object({
  orderId: z.uuid(),
  lines: z
    .array(
      z.object({
        sku: z.string().min(1),
        quantity: z.number().int().positive(),
      }),
    )
    .min(1),
});
export type ReservationRequest = z.infer<typeof ReservationRequestSchema>;

/** POST inventory /reservations */
export interface ReservationDto {
  reservationId: string;
  orderId: string;
  expiresAt: string;
}

/** GET pricing /prices/:sku */
export interface PriceDto {
  sku: string;
  amountCents: number;
  currency: Currency;
  validUntil: string;
}
