import { CurrencySchema } from '@shop/contracts';
import { z } from 'zod';

// What orders relies on in an inventory item. Strict, so that we hear about it when inventory changes its payload.
export const InventoryItemSchema = z
  .object({
    sku: z.string().min(1),
    name: z.string(),
    description: z.string(),
    status: z.enum(['active', 'discontinued']),
    available: z.number().int(),
    priceCents: z.number().int().nonnegative(),
    currency: CurrencySchema,
  })
  .strict();

export type InventoryItem = z.infer<typeof InventoryItemSchema>;
