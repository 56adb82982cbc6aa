import {
  type InventoryItemDto,
  type ItemPageDto,
  type PriceDto,
  type ReservationDto,
  ReservationRequestSchema,
  type StockLevelDto,
} from '@shop/contracts';
import { createLogger } from '@shop/logger';
import { Router } from 'express';
import { type ItemRow, pool } from '../db';
import { getPrice } from '../pricing/pricing.client';
import { availableUnits, isReservable } from './item-rules';

const log = createLogger('inventory').child({ router: 'items' });
const PAGE_SIZE = 100;
const RESERVATION_TTL_MS = 15 * 60_000;

const ITEM_SELECT = `
  SELECT i.sku, i.name, i.description, i.status, i.list_price_cents, i.currency,
         s.on_hand, s.reserved, s.updated_at AS stock_updated_at
    FROM items i JOIN stock s ON s.sku = i.sku`;

function toItemDto(row: ItemRow, price?: PriceDto): InventoryItemDto {
  return {
    sku: row.sku,
    name: row.name,
    description: row.description,
    status: row.status,
    available: availableUnits(row.on_hand, row.reserved),
    priceCents: price?.amountCents ?? row.list_price_cents,
    currency: price?.currency ?? row.currency,
  };
}

export const itemsRouter = Router();

itemsRouter.get('/items', async (req, res) => {
  const cursor = typeof req.query.cursor === 'string' ? req.query.cursor : '';
  const { rows } = await pool.query<ItemRow>(`${ITEM_SELECT} WHERE i.sku > $1 ORDER BY i.sku LIMIT $2`, [
    cursor,
    PAGE_SIZE + 1,
  ]);
  const page: ItemPageDto = {
    items: rows.slice(0, PAGE_SIZE).map((row) => toItemDto(row)),
    nextCursor: rows.length > PAGE_SIZE ? rows[PAGE_SIZE - 1]!.sku : null,
  };
  res.json(page);
});

itemsRouter.get('/items/:sku', async (req, res) => {
  const { rows } = await pool.query<ItemRow>(`${ITEM_SELECT} WHERE i.sku = $1`, [req.params.sku]);
  const row = rows[0];
  if (!row) {
    res.status(404).json({ error: 'item_not_found' });
    return;
  }
  const price = await getPrice(row.sku);
  res.json(toItemDto(row, price));
});

itemsRouter.get('/items/:sku/stock', async (req, res) => {
  const { rows } = await pool.query<ItemRow>(`${ITEM_SELECT} WHERE i.sku = $1`, [req.params.sku]);
  const row = rows[0];
  if (!row) {
    res.status(404).json({ error: 'item_not_found' });
    return;
  }
  const stock: StockLevelDto = {
    sku: row.sku,
    available: availableUnits(row.on_hand, row.reserved),
    reserved: row.reserved,
    updatedAt: row.stock_updated_at.toISOString(),
  };
  res.json(stock);
});

itemsRouter.post('/reservations', async (req, res) => {
  const parsed = ReservationRequestSchema.safeParse(req.body);
  if (!parsed.success) {
    res.status(400).json({ error: 'invalid_request', issues: parsed.error.issues });
    return;
  }
  const { orderId, lines } = parsed.data;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    for (const line of lines) {
      const { rows } = await client.query<ItemRow>(`${ITEM_SELECT} WHERE i.sku = $1 FOR UPDATE OF s`, [line.sku]);
      const row = rows[0];
      const item = row && { status: row.status, available: availableUnits(row.on_hand, row.reserved) };
      if (!item || !isReservable(item, line.quantity)) {
        await client.query('ROLLBACK');
        res.status(409).json({ error: 'insufficient_stock', sku: line.sku });
        return;
      }
      await client.query('UPDATE stock SET reserved = reserved + $2, updated_at = now() WHERE sku = $1', [
        line.sku,
        line.quantity,
      ]);
    }
    const expiresAt = new Date(Date.now() + RESERVATION_TTL_MS);
    const { rows } = await client.query<{ id: string }>(
      'INSERT INTO reservations (order_id, lines, expires_at) VALUES ($1, $2, $3) RETURNING id',
      [orderId, JSON.stringify(lines), expiresAt],
    );
    await client.query('COMMIT');
    const reservation: ReservationDto = { reservationId: rows[0]!.id, orderId, expiresAt: expiresAt.toISOString() };
    log.info('stock reserved', { orderId, lines: lines.length });
    res.status(201).json(reservation);
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
});
