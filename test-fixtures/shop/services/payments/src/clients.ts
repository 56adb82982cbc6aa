import type { OrderDto } from '@shop/contracts';
import axios from 'axios';

export const stripe = axios.create({
  baseURL: 'https://api.stripe.com/v1',
  timeout: 10_000,
  auth: { username: process.env.STRIPE_API_KEY ?? '', password: '' },
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

export async function fetchOrder(orderId: string): Promise<OrderDto> {
  const res = await fetch(`http://orders:3000/orders/${encodeURIComponent(orderId)}`, {
    signal: AbortSignal.timeout(5000),
  });
  return res.json() as Promise<OrderDto>;
}
