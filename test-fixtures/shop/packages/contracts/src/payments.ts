import { z } from 'zod';
import { CurrencySchema, type Currency } from './catalog';

/** POST payments /payments/charges */
export const ChargeRequestSchema = z.object({
  orderId: z.uuid(),
  amountCents: z.number().int().positive(),
  currency: CurrencySchema,
  paymentMethodId: z.string().min(1),
});
export type ChargeRequest = z.infer<typeof ChargeRequestSchema>;

export type PaymentStatus = 'succeeded' | 'failed' | 'refunded';

/** Response of POST /payments/charges, GET /payments/:id, GET /payments?customerId= */
export interface PaymentDto {
  id: string;
  orderId: string;
  customerId: string;
  amountCents: number;
  currency: Currency;
  status: PaymentStatus;
  createdAt: string;
  /** Whatever the card processor said when the charge failed. */
  failureDetails?: any;
}

export const PAYMENTS_EXCHANGE = 'payments';
export const PAYMENT_FAILED = 'payment.failed';

/** Published on the `payments` topic exchange with routing key `payment.failed`. */
export interface PaymentFailedEvent {
  paymentId: string;
  orderId: string;
  customerEmail: string;
  amountCents: number;
  currency: Currency;
  reason: string;
  failedAt: string;
}
