import type { DemoLine } from './demo-data-types.ts';

/** A product of the demo shop, sold in every combination of its sizes and colours. */
export interface CatalogueProduct {
  /** SKU stem; a variant's SKU appends its size and colour codes. */
  code: string;
  name: string;
  /** Euro cents. */
  priceMinor: number;
  /** Empty when the product comes in one size. */
  sizes: readonly string[];
  colours: readonly string[];
}

const SHOE_SIZES = ['EU 38', 'EU 39', 'EU 40', 'EU 41', 'EU 42', 'EU 43', 'EU 44', 'EU 45', 'EU 46'];
const GARMENT_SIZES = ['XS', 'S', 'M', 'L', 'XL', 'XXL'];

/** An outdoor and apparel range, so that orders read like a real shop's. */
export const DEMO_CATALOGUE = [
  {
    code: 'BOOT-TRB',
    name: 'Trailblazer GTX Hiking Boots',
    priceMinor: 14995,
    sizes: SHOE_SIZES,
    colours: ['Brown', 'Black'],
  },
  {
    code: 'BOOT-SUM',
    name: 'Summit Mid Waterproof Boots',
    priceMinor: 17995,
    sizes: SHOE_SIZES,
    colours: ['Black', 'Slate'],
  },
  {
    code: 'SHOE-TRR',
    name: 'Ridgeline Trail Running Shoes',
    priceMinor: 11995,
    sizes: SHOE_SIZES,
    colours: ['Blue', 'Orange'],
  },
  {
    code: 'JKT-STM',
    name: 'Stormline 2.5L Rain Jacket',
    priceMinor: 12995,
    sizes: GARMENT_SIZES,
    colours: ['Navy', 'Red', 'Olive'],
  },
  {
    code: 'JKT-RDG',
    name: 'Ridge Softshell Jacket',
    priceMinor: 9995,
    sizes: GARMENT_SIZES,
    colours: ['Olive', 'Black'],
  },
  { code: 'JKT-ALP', name: 'Alpine Down Jacket', priceMinor: 21995, sizes: GARMENT_SIZES, colours: ['Black', 'Teal'] },
  {
    code: 'FLC-POL',
    name: 'Polar Fleece Jacket',
    priceMinor: 6995,
    sizes: GARMENT_SIZES,
    colours: ['Grey', 'Red', 'Forest'],
  },
  { code: 'BSL-MRT', name: 'Merino Base Layer Top', priceMinor: 5995, sizes: GARMENT_SIZES, colours: ['Charcoal'] },
  {
    code: 'BSL-MRL',
    name: 'Merino Base Layer Leggings',
    priceMinor: 5495,
    sizes: GARMENT_SIZES,
    colours: ['Charcoal'],
  },
  {
    code: 'TRS-HIK',
    name: 'Trekker Hiking Trousers',
    priceMinor: 8995,
    sizes: GARMENT_SIZES,
    colours: ['Sand', 'Graphite'],
  },
  {
    code: 'SCK-HIK',
    name: 'Merino Hiking Socks (2-pack)',
    priceMinor: 1995,
    sizes: ['EU 35-38', 'EU 39-42', 'EU 43-46'],
    colours: ['Grey'],
  },
  { code: 'TNT-CIR2', name: 'Cirrus 2-Person Tent', priceMinor: 24995, sizes: [], colours: ['Green'] },
  { code: 'TNT-BC4', name: 'Basecamp 4-Person Tent', priceMinor: 39995, sizes: [], colours: ['Orange'] },
  {
    code: 'BPK-TRK45',
    name: 'Trek 45L Backpack',
    priceMinor: 13995,
    sizes: ['S/M', 'M/L'],
    colours: ['Black', 'Blue'],
  },
  { code: 'BPK-DAY22', name: 'Day 22L Daypack', priceMinor: 5995, sizes: [], colours: ['Black', 'Mustard'] },
  {
    code: 'SLP-M5',
    name: 'Nordkapp -5°C Sleeping Bag',
    priceMinor: 15995,
    sizes: ['Regular', 'Long'],
    colours: ['Blue'],
  },
  { code: 'ACC-POLE', name: 'Carbon Trekking Poles (pair)', priceMinor: 7995, sizes: [], colours: ['Black'] },
  { code: 'ACC-LAMP', name: 'Beam 400 Headlamp', priceMinor: 3995, sizes: [], colours: ['Black'] },
  { code: 'ACC-BTL', name: 'Insulated Bottle 750 ml', priceMinor: 2495, sizes: [], colours: ['Steel', 'Green'] },
  { code: 'HAT-SUN', name: 'Wide-Brim Sun Hat', priceMinor: 2995, sizes: ['S/M', 'L/XL'], colours: ['Khaki'] },
] as const satisfies readonly CatalogueProduct[];

export type CatalogueCode = (typeof DEMO_CATALOGUE)[number]['code'];

/**
 * One order line for a variant. The SKU encodes the variant (`BOOT-TRB-42-BRO`) because a return names
 * the exact item by SKU.
 */
export function catalogueLine(code: CatalogueCode, size: string | null, colour: string, quantity = 1): DemoLine {
  const product: CatalogueProduct | undefined = DEMO_CATALOGUE.find((candidate) => candidate.code === code);
  if (!product) throw new RangeError(`Unknown catalogue code ${code}`);
  if (size !== null && !product.sizes.includes(size)) throw new RangeError(`${code} has no size ${size}`);
  if (!product.colours.includes(colour)) throw new RangeError(`${code} has no colour ${colour}`);
  const sizeCode =
    size === null
      ? []
      : [
          size
            .replace(/^EU /, '')
            .replace(/[^A-Za-z0-9-]/g, '')
            .toUpperCase(),
        ];
  const colourCode = colour.slice(0, 3).toUpperCase();
  return {
    sku: [product.code, ...sizeCode, colourCode].join('-'),
    productName: product.name,
    size,
    colour,
    quantity,
    unitPriceMinor: product.priceMinor,
  };
}
