import { Router } from 'express';

const USERS_URL = process.env.USERS_URL ?? 'http://users:3000';

export const usersRouter = Router();

usersRouter.get('/:id', async (req, res) => {
  const response = await fetch(`${USERS_URL}/users/${req.params.id}`, { signal: AbortSignal.timeout(3000) });
  if (!response.ok) {
    res.status(response.status).json({ error: 'user lookup failed' });
    return;
  }
  res.json(await response.json());
});
