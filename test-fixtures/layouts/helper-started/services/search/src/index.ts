import express from 'express';
import { startServer } from '@acme/commons';
import { searchRouter } from './search.js';

const app = express();
app.use('/search', searchRouter);

void startServer(app, Number(process.env.PORT ?? 3002));
