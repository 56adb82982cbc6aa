import express from 'express';
import mongoose from 'mongoose';
import { createLogger, NotFoundError } from '@acme/common';
import { User } from './user.model';

const logger = createLogger('users');

async function bootstrap() {
  await mongoose.connect(process.env.MONGO_URL ?? 'mongodb://localhost:27017/users');

  const app = express();
  app.use(express.json());

  app.get('/users/:id', async (req, res) => {
    const user = await User.findById(req.params.id).lean();
    if (!user) throw new NotFoundError('user');
    res.json({ id: String(user._id), email: user.email, name: user.name });
  });

  app.post('/users', async (req, res) => {
    const user = await User.create({ email: req.body.email, name: req.body.name });
    res.status(201).json({ id: String(user._id), email: user.email, name: user.name });
  });

  const port = Number(process.env.PORT ?? 3000);
  app.listen(port, () => logger.info('users listening', { port }));
}

bootstrap().catch((error) => {
  logger.error('users failed to start', { error: String(error) });
  process.exit(1);
});
