import type { ItemStatus } from '@shop/contracts';

/** Units held back from sale to replace items damaged in transit. Ops changes this before peak season. */
export const SAFETY_STOCK = 2;

export function availableUnits(onHand: number, reserved: number): number {
  return Math.max(0, onHand - reserved - SAFETY_STOCK);
}

export function isReservable(item: { status: ItemStatus; available: number }, quantity: number): boolean {
  return item.status === 'active' && quantity > 0 && item.available >= quantity;
}
