import express from 'express';
import { randomUUID } from 'node:crypto';
import { createKafka, Topics, type ShipmentCreatedMessage } from '@acme/shared';

const kafka = createKafka('shipping');
const producer = kafka.producer();
const shipments: ShipmentCreatedMessage[] = [];

const app = express();
app.use(express.json());

app.get('/shipments', (req, res) => {
  res.json(shipments.filter((shipment) => shipment.orderId === req.query.orderId));
});

app.post('/shipments', async (req, res) => {
  const shipment: ShipmentCreatedMessage = { shipmentId: randomUUID(), orderId: req.body.orderId, carrier: req.body.carrier ?? 'dhl' };
  shipments.push(shipment);
  await producer.send({ topic: Topics.ShipmentCreated, messages: [{ key: shipment.orderId, value: JSON.stringify(shipment) }] });
  res.status(201).json(shipment);
});

producer
  .connect()
  .then(() => app.listen(3000, () => console.log('shipping listening on 3000')))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
