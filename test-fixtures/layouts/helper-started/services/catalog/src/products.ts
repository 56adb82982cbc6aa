import { Router } from 'express';
import { Kafka } from 'kafkajs';

interface Product {
  sku: string;
  title: string;
  priceCents: number;
}

const products = new Map<string, Product>([
  ['K-1', { sku: 'K-1', title: 'Kettle', priceCents: 2999 }],
  ['T-1', { sku: 'T-1', title: 'Toaster', priceCents: 3999 }],
]);

const producer = new Kafka({ clientId: 'catalog', brokers: (process.env.KAFKA_BROKERS ?? 'localhost:9092').split(',') }).producer();

export const productsRouter = Router();

productsRouter.get('/', (_req, res) => {
  res.json([...products.values()]);
});

productsRouter.get('/:sku', (req, res) => {
  const product = products.get(req.params.sku);
  if (!product) {
    res.sendStatus(404);
    return;
  }
  res.json(product);
});

productsRouter.put('/:sku', async (req, res) => {
  const product: Product = { sku: req.params.sku, title: req.body.title, priceCents: req.body.priceCents };
  products.set(product.sku, product);
  await producer.send({ topic: 'product.updated', messages: [{ key: product.sku, value: JSON.stringify(product) }] });
  res.json(product);
});

export async function connectProducer(): Promise<void> {
  await producer.connect();
}
