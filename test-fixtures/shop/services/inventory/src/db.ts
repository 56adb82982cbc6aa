import pg from 'pg';

export const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: 10,
  idleTimeoutMillis: 30_000,
});

/** A row of the `items` table joined with `stock`. */
export interface ItemRow {
  sku: string;
  name: string;
  description: string;
  status: 'active' | 'discontinued';
  on_hand: number;
  reserved: number;
  list_price_cents: number;
  currency: 'EUR' | 'USD' | 'GBP';
  stock_updated_at: Date;
}

export type PoolClient = pg.PoolClient;
