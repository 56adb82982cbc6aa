import type { OrderCreatedMessage } from '@acme/shared';

export interface Invoice {
  orderId: string;
  customerId: string;
  amountCents: number;
  issuedAt: string;
}

const invoices = new Map<string, Invoice>();

export async function createInvoice(order: OrderCreatedMessage): Promise<Invoice> {
  const invoice: Invoice = { orderId: order.orderId, customerId: order.customerId, amountCents: order.totalCents, issuedAt: new Date().toISOString() };
  invoices.set(order.orderId, invoice);
  return invoice;
}

export function findInvoice(orderId: string): Invoice | undefined {
  return invoices.get(orderId);
}
