import express from 'express';
import { createLogger } from '@acme/common';
import { ordersRouter } from './routes/orders';
import { usersRouter } from './routes/users';

const logger = createLogger('gateway');
const app = express();

app.use(express.json());
app.get('/health', (_req, res) => {
  res.json({ status: 'ok' });
});
app.use('/api/users', usersRouter);
app.use('/api/orders', ordersRouter);

const port = Number(process.env.PORT ?? 3000);
app.listen(port, () => logger.info('gateway listening', { port }));
