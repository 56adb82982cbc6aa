// Smoke test of a running cluster through the ingress port-forward: npx tsx scripts/smoke.ts
async function main() {
  const created = await fetch('http://localhost:8080/shipments', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ orderId: 'smoke-1' }),
  });
  console.log('shipping', created.status, await created.json());

  const invoice = await fetch('http://billing:3000/invoices/smoke-1');
  console.log('billing', invoice.status);
}

void main();
