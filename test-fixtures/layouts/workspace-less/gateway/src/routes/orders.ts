import { Router } from 'express';

export const ordersRouter = Router();

ordersRouter.get('/:id', async (req, res) => {
  const response = await fetch(`http://orders:3000/orders/${req.params.id}`);
  if (!response.ok) {
    res.status(response.status).json({ error: 'order lookup failed' });
    return;
  }
  res.json(await response.json());
});
