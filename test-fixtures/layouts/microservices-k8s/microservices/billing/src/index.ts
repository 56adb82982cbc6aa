import express from 'express';
import { createKafka, Topics, type OrderCreatedMessage } from '@acme/shared';
import { createInvoice, findInvoice } from './invoices';

const kafka = createKafka('billing');
const consumer = kafka.consumer({ groupId: 'billing' });

async function start() {
  await consumer.connect();
  await consumer.subscribe({ topic: Topics.OrderCreated, fromBeginning: false });
  await consumer.run({
    eachMessage: async ({ message }) => {
      if (!message.value) return;
      const order = JSON.parse(message.value.toString()) as OrderCreatedMessage;
      await createInvoice(order);
    },
  });

  const app = express();
  app.get('/healthz', (_req, res) => {
    res.send('ok');
  });
  app.get('/invoices/:orderId', (req, res) => {
    const invoice = findInvoice(req.params.orderId);
    if (!invoice) {
      res.sendStatus(404);
      return;
    }
    res.json(invoice);
  });
  app.listen(3000, () => console.log('billing listening on 3000'));
}

start().catch((error) => {
  console.error(error);
  process.exit(1);
});
