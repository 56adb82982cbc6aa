// Places a demo order through the local stack (`docker compose up`) so you can follow it through the services' logs.
// Usage: node --experimental-strip-types scripts/place-demo-order.ts [sku] [quantity]
import { randomUUID } from 'node:crypto';
import type { CreateOrderRequest, OrderDto } from '@shop/contracts';

const [sku = 'TSHIRT-BLUE-M', quantity = '1'] = process.argv.slice(2);

const request: CreateOrderRequest = {
  customerId: '00000000-0000-4000-8000-000000000001',
  customerEmail: 'demo@shop.example',
  currency: 'EUR',
  paymentMethodId: 'tok_visa',
  lines: [{ sku, quantity: Number(quantity) }],
};

// seamlint-disable-next-line hardcoded-endpoint -- local dev tool, never deployed
const res = await fetch('http://localhost:4000/checkout', {
  method: 'POST',
  headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
  body: JSON.stringify(request),
  signal: AbortSignal.timeout(15_000),
});
if (!res.ok) {
  console.error(`checkout failed: ${res.status} ${await res.text()}`);
  process.exit(1);
}
const order = (await res.json()) as OrderDto;
console.log(`order ${order.id}: ${order.status}, ${order.totalCents} ${order.currency} cents`);
