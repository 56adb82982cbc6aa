interface OrderSummary {
  id: string;
  status: string;
}

// A server component: rendered by the Next.js server inside the compose network.
export default async function HomePage() {
  const response = await fetch('http://gateway:3000/api/orders/latest', { cache: 'no-store' });
  const order: OrderSummary = await response.json();
  return (
    <main>
      <h1>Your latest order</h1>
      <p>
        {order.id}: {order.status}
      </p>
    </main>
  );
}
