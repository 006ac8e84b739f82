import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The generated catalogue the demo shop is seeded from (see data/README.md). */
export const CATALOGUE_FILE = fileURLToPath(new URL('../../data/catalogue.json', import.meta.url));

/** `images/boot-brown.svg` → `boot-brown.svg`: the file name under public/images. */
const imagePath = z
  .string()
  .regex(/^images\/[a-z0-9][a-z0-9-]*\.svg$/)
  .transform((path) => path.slice('images/'.length));

const variantSchema = z.strictObject({
  sku: z.string().regex(/^[A-Z0-9][A-Z0-9-]{2,59}$/),
  size: z.string().min(1).max(40),
  colour: z.string().min(1).max(40),
  stock: z.number().int().min(0),
  priceMinor: z.number().int().positive().optional(),
  image: imagePath,
});

const attributesSchema = z.looseObject({
  waterproof: z.boolean(),
  gender: z.enum(['men', 'women', 'unisex', 'kids']),
  season: z.enum(['summer', '3-season', 'winter', 'all-season']),
});

const productSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,119}$/),
  sku: z.string().regex(/^[A-Z0-9][A-Z0-9-]{2,39}$/),
  name: z.string().min(1).max(200),
  brand: z.string().min(1).max(100),
  category: z.string().min(1),
  subcategory: z.string().min(1).max(100),
  description: z.string().min(1).max(4000),
  priceMinor: z.number().int().positive(),
  compareAtPriceMinor: z.number().int().positive().optional(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  rating: z.number().min(0).max(5),
  reviewCount: z.number().int().min(0),
  attributes: attributesSchema,
  tags: z.array(z.string().min(1).max(100)),
  variants: z.array(variantSchema).min(1),
  image: imagePath,
});

const catalogueSchema = z.looseObject({
  shop: z.string(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  categories: z.array(z.strictObject({ id: z.string(), label: z.string(), productCount: z.number().int() })).min(1),
  products: z.array(productSchema).min(1),
});

export type CatalogueFile = z.infer<typeof catalogueSchema>;
export type CatalogueProduct = CatalogueFile['products'][number];

/** Reads and checks the catalogue file: our own data, so any deviation is a bug worth stopping for. */
export async function readCatalogueFile(path: string = CATALOGUE_FILE): Promise<CatalogueFile> {
  const parsed = catalogueSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${path} is not a valid catalogue at ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data;
}
