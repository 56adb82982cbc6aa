import { createInvoice } from '../invoices';

it('invoices the full order total', async () => {
  const invoice = await createInvoice({ orderId: 'o-1', customerId: 'c-1', totalCents: 4200 });
  expect(invoice.amountCents).toBe(4200);
});

it('finds the shipment of an invoiced order', async () => {
  // Needs the dev cluster (skaffold dev): shipping is reachable by its Service name there.
  const response = await fetch('http://shipping:3000/shipments?orderId=o-1');
  const shipments = await response.json();
  expect(Array.isArray(shipments)).toBe(true);
});
