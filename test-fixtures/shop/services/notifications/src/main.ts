import { createLogger } from '@shop/logger';
import * as amqp from 'amqplib';
import mongoose from 'mongoose';
import { consumeOrderPlaced } from './consumers/order-placed.consumer';
import { consumePaymentFailed } from './consumers/payment-failed.consumer';
import { emailQueue, startEmailWorker } from './email';

const log = createLogger('notifications');

async function main(): Promise<void> {
  await mongoose.connect('mongodb://mongo:27017/notifications');

  const connection = await amqp.connect('amqp://guest:guest@rabbitmq:5672');
  connection.on('error', (err: unknown) => log.error('rabbitmq connection error', { err }));
  const channel = await connection.createChannel();
  await channel.prefetch(10);

  await consumeOrderPlaced(channel);
  await consumePaymentFailed(channel);
  const worker = startEmailWorker();
  log.info('notifications started');

  process.on('SIGTERM', () => {
    void (async () => {
      await channel.close();
      await connection.close();
      await worker.close();
      await emailQueue.close();
      await mongoose.disconnect();
    })();
  });
}

main().catch((err: unknown) => {
  log.error('notifications failed to start', { err });
  process.exit(1);
});
