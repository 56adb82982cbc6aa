export interface PricedLine {
  quantity: number;
  unitPriceCents: number;
}

/** VAT applied to every order until we sell outside the EU. */
export const DEFAULT_TAX_RATE = 0.2;

/**
 * The amount the customer pays, in cents: line totals, plus tax, rounded once at the end.
 * Orders uses it to price an order; payments uses it to check that a charge matches the order.
 */
export function calculateOrderTotal(lines: readonly PricedLine[], taxRate = DEFAULT_TAX_RATE): number {
  if (taxRate < 0 || taxRate >= 1) {
    throw new RangeError(`tax rate out of range: ${taxRate}`);
  }
  const subtotal = lines.reduce((sum, line) => {
    if (!Number.isInteger(line.quantity) || line.quantity <= 0) {
      throw new RangeError(`invalid quantity: ${line.quantity}`);
    }
    return sum + line.quantity * line.unitPriceCents;
  }, 0);
  return Math.round(subtotal * (1 + taxRate));
}
