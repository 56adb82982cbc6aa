// Fills a local stack with demo users and orders: npm run seed (after docker compose up).
const users = [
  { email: 'ada@example.com', name: 'Ada Lovelace' },
  { email: 'grace@example.com', name: 'Grace Hopper' },
];

async function main() {
  for (const user of users) {
    const response = await fetch('http://localhost:8080/api/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(user),
    });
    const created = await response.json();
    await fetch('http://orders:3000/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: created.id, items: [{ sku: 'A-1', quantity: 1, priceCents: 1200 }] }),
    });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
