import express from 'express';
import { startServer } from '@acme/commons';
import { connectProducer, productsRouter } from './products.js';

const app = express();
app.use(express.json());
app.use('/products', productsRouter);

await connectProducer();
await startServer(app, Number(process.env.PORT ?? 3001));
