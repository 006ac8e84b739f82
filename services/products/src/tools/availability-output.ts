import { z } from 'zod';
import type { Product } from '../catalogue/product.ts';
import { hasColour, hasSize, selectVariants, type VariantRequest } from '../catalogue/select-variants.ts';
import { STOCK_STATUSES, stockLabel, stockStatus } from '../catalogue/stock-status.ts';

export const availabilityOutput = z.object({
  status: z.enum(STOCK_STATUSES).describe('Across all sizes and colours: in_stock, low_stock (1–3 left) or sold_out.'),
  label: z.string().describe('The status in words, e.g. "In stock", "Only 2 left", "Sold out".'),
  requested: z
    .object({
      size: z.string().nullable(),
      colour: z.string().nullable(),
      offered: z.boolean().describe('False when the product is not made in this size/colour at all.'),
      status: z.enum(STOCK_STATUSES).describe('Stock of exactly what was asked for.'),
      label: z.string().describe('e.g. "Size 44: only 2 left", "Size M in Navy: sold out".'),
      in_stock_colours: z.array(z.string()).describe('Colours in stock in the requested size (any size if none).'),
      in_stock_sizes: z.array(z.string()).describe('Sizes in stock in the requested colour (any colour if none).'),
    })
    .nullable()
    .describe('Availability in the size and/or colour asked for; null when neither was.'),
});

export type AvailabilityOutput = z.infer<typeof availabilityOutput>;

const unique = (values: string[]) => [...new Set(values)];

/** Live availability of a product, overall and in what was asked for. */
export function availability(product: Product, request: VariantRequest): AvailabilityOutput {
  const units = product.variants.reduce((sum, variant) => sum + variant.stock, 0);
  const asked = request.size !== undefined || request.colour !== undefined;
  if (!asked) return { status: stockStatus(units), label: stockLabel(units), requested: null };

  const selected = selectVariants(product.variants, request);
  const selectedUnits = selected.reduce((sum, variant) => sum + variant.stock, 0);
  const inStock = product.variants.filter((variant) => variant.stock > 0);
  const what = [
    request.size !== undefined ? `Size ${selected[0]?.size ?? request.size}` : null,
    request.colour !== undefined ? `in ${selected[0]?.colour ?? request.colour}` : null,
  ]
    .filter(Boolean)
    .join(' ')
    .replace(/^in /, 'In ');
  const label = selected.length === 0 ? `${what}: not made in this product` : `${what}: ${stockLabel(selectedUnits)}`;
  return {
    status: stockStatus(units),
    label: stockLabel(units),
    requested: {
      size: request.size ?? null,
      colour: request.colour ?? null,
      offered: selected.length > 0,
      status: stockStatus(selectedUnits),
      label: label.replace(/: (In stock|Only|Sold out)/, (_, word: string) => `: ${word.toLowerCase()}`),
      in_stock_colours: unique(
        inStock.filter((variant) => request.size === undefined || hasSize(variant, request.size)).map((v) => v.colour),
      ),
      in_stock_sizes: unique(
        inStock
          .filter((variant) => request.colour === undefined || hasColour(variant, request.colour))
          .map((v) => v.size),
      ),
    },
  };
}
