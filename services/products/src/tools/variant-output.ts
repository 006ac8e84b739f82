import { money, moneyOutput } from '@shopchat/money';
import { z } from 'zod';
import type { ProductVariant } from '../catalogue/product.ts';
import { STOCK_STATUSES, stockLabel, stockStatus } from '../catalogue/stock-status.ts';

/** One size × colour with its live stock. */
export const variantOutput = z.object({
  sku: z.string(),
  size: z.string(),
  colour: z.string(),
  stock: z.number().int().describe('Units in stock now.'),
  status: z.enum(STOCK_STATUSES),
  label: z.string().describe('"In stock", "Only 2 left" or "Sold out".'),
  price: moneyOutput,
});

export type VariantOutput = z.infer<typeof variantOutput>;

export function variant(v: ProductVariant, currency: string): VariantOutput {
  return {
    sku: v.sku,
    size: v.size,
    colour: v.colour,
    stock: v.stock,
    status: stockStatus(v.stock),
    label: stockLabel(v.stock),
    price: money(v.priceMinor, currency),
  };
}
