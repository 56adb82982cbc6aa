import { type Currency, CurrencySchema, type PriceDto } from '@shop/contracts';
import { Router } from 'express';
import type pg from 'pg';
import { convertFromEur } from './fx-rates';
import { toMinorUnits } from './money';

interface PriceRow {
  sku: string;
  base_price_eur: string;
  promo_percent: number | null;
  valid_until: Date;
}

export function createPricesRouter(pool: pg.Pool): Router {
  const router = Router();

  router.get('/prices/:sku', async (req, res) => {
    const requested = CurrencySchema.safeParse(req.query.currency ?? 'EUR');
    if (!requested.success) {
      res.status(400).json({ error: 'unsupported_currency' });
      return;
    }
    const currency: Currency = requested.data;

    const { rows } = await pool.query<PriceRow>(
      `SELECT sku, base_price_eur, promo_percent, valid_until
         FROM prices
        WHERE sku = $1 AND valid_from <= now()
        ORDER BY valid_from DESC
        LIMIT 1`,
      [req.params.sku],
    );
    const row = rows[0];
    if (!row) {
      res.status(404).json({ error: 'price_not_found' });
      return;
    }

    const discounted = Number(row.base_price_eur) * (1 - (row.promo_percent ?? 0) / 100);
    const price: PriceDto = {
      sku: row.sku,
      amountCents: toMinorUnits(convertFromEur(discounted, currency), currency),
      currency,
      validUntil: row.valid_until.toISOString(),
    };
    res.json(price);
  });

  return router;
}
