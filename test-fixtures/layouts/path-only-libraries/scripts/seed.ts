// Places a few demo orders on a local stack: npm run seed
async function seed() {
  for (const totalCents of [1200, 4500, 2_000_000]) {
    const response = await fetch('http://localhost:3000/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ customerId: 'demo', totalCents }),
    });
    console.log(totalCents, response.status, await response.json());
  }
}

seed();
