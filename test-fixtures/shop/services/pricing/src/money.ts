import type { Currency } from '@shop/contracts';

const MINOR_UNIT_DIGITS: Record<Currency, number> = { EUR: 2, USD: 2, GBP: 2 };

/** 12.345 EUR → 1235 (rounds half away from zero, like our card processor does). */
export function toMinorUnits(amount: number, currency: Currency): number {
  const factor = 10 ** MINOR_UNIT_DIGITS[currency];
  return Math.sign(amount) * Math.round(Math.abs(amount) * factor);
}

export function formatMoney(amountCents: number, currency: Currency, locale = 'en-IE'): string {
  const digits = MINOR_UNIT_DIGITS[currency];
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amountCents / 10 ** digits);
}
