import { InventoryClient } from '@shop/inventory-client';
import axios from 'axios';

// Placing an order reserves stock and charges the card, which can take a while: no timeout on orders.
export const ordersApi = axios.create({
  baseURL: process.env.ORDERS_URL ?? 'http://orders:3000',
  headers: { 'x-caller': 'gateway' },
});

export const paymentsApi = axios.create({
  baseURL: 'http://localhost:4002',
  timeout: 3_000,
  headers: { 'x-caller': 'gateway' },
});

export const inventory = new InventoryClient({
  baseUrl: process.env.INVENTORY_URL ?? 'http://inventory:3000',
  timeoutMs: 2_000,
});
