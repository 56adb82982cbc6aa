/**
 * This is not a production server yet!
 * This is only a minimal backend to get started.
 */
import express from 'express';
import { connectMongo } from '@acme/shared/mongo';
import { reportsRouter } from './app/reports.router';

const app = express();
app.use(express.json());
app.use('/api/reports', reportsRouter);

const port = process.env.PORT || 3000;

connectMongo().then(() => {
  const server = app.listen(port, () => {
    console.log(`Listening at http://localhost:${port}/api`);
  });
  server.on('error', console.error);
});
