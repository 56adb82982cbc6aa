import express from 'express';
import mongoose from 'mongoose';
import { createLogger } from '@acme/common';
import { connectPublisher } from './publisher';
import { OrdersService } from './orders.service';

const logger = createLogger('orders');

async function bootstrap() {
  await mongoose.connect(process.env.MONGO_URL ?? 'mongodb://localhost:27017/orders');
  const publisher = await connectPublisher(process.env.RABBITMQ_URL ?? 'amqp://localhost:5672');
  const orders = new OrdersService(publisher);

  const app = express();
  app.use(express.json());

  app.get('/orders/:id', async (req, res) => {
    res.json(await orders.findOne(req.params.id));
  });

  app.post('/orders', async (req, res) => {
    res.status(201).json(await orders.create(req.body.userId, req.body.items));
  });

  const port = Number(process.env.PORT ?? 3000);
  app.listen(port, () => logger.info('orders listening', { port }));
}

void bootstrap();
