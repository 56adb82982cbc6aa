import type { Currency } from '@shop/contracts';
import { createLogger } from '@shop/logger';
import got from 'got';
import pRetry from 'p-retry';

const log = createLogger('pricing').child({ component: 'fx-rates' });

const FX_API_URL = process.env.FX_API_URL ?? 'https://api.frankfurter.app';
const REFRESH_INTERVAL_MS = 60 * 60_000;

type Rates = Record<Currency, number>;

/** Base prices are stored in EUR. */
let rates: Rates | undefined;

async function fetchRates(): Promise<Rates> {
  const body = await got(`${FX_API_URL}/latest`, {
    searchParams: { from: 'EUR', to: 'USD,GBP' },
    timeout: { request: 5_000 },
  }).json<{ rates: { USD: number; GBP: number } }>();
  return { EUR: 1, USD: body.rates.USD, GBP: body.rates.GBP };
}

export function convertFromEur(amountEur: number, currency: Currency): number {
  if (!rates) throw new Error('FX rates not loaded yet');
  return amountEur * rates[currency];
}

/** Loads the rates before the service accepts traffic, then refreshes them hourly. */
export async function startRateRefresh(): Promise<void> {
  // We must never quote with made-up rates, so keep asking until the provider answers.
  rates = await pRetry(fetchRates, {
    retries: Infinity,
    minTimeout: 1_000,
    maxTimeout: 60_000,
    onFailedAttempt: ({ error, attemptNumber }) => {
      log.warn('fx rates unavailable, retrying', { attemptNumber, errorMessage: error.message });
    },
  });
  log.info('fx rates loaded', { ...rates });

  setInterval(() => {
    fetchRates()
      .then((fresh) => {
        rates = fresh;
      })
      .catch((err: unknown) => log.warn('fx refresh failed, keeping previous rates', { err }));
  }, REFRESH_INTERVAL_MS).unref();
}
