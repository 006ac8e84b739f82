import type { Database } from '@shopchat/postgres';
import type { Gender, Product, Season } from './product.ts';

interface ProductRow {
  id: string;
  sku: string;
  name: string;
  brand: string;
  category_id: string;
  category_label: string;
  subcategory: string;
  description: string;
  price_minor: number;
  compare_at_price_minor: number | null;
  currency: string;
  rating: number;
  review_count: number;
  gender: Gender;
  season: Season;
  waterproof: boolean;
  attributes: Record<string, unknown>;
  tags: string[];
  image: string;
  variants: { sku: string; size: string; colour: string; stock: number; price_minor: number; image: string }[];
}

/** Products with their variants and stock, one statement. */
const SELECT_PRODUCTS = `
  SELECT p.id, p.sku, p.name, p.brand, p.category_id, c.label AS category_label, p.subcategory, p.description,
    p.price_minor, p.compare_at_price_minor, p.currency, p.rating::float8 AS rating, p.review_count, p.gender,
    p.season, p.waterproof, p.attributes, p.tags, p.image,
    (SELECT json_agg(json_build_object('sku', v.sku, 'size', v.size, 'colour', v.colour, 'stock', v.stock,
        'price_minor', coalesce(v.price_minor, p.price_minor), 'image', v.image) ORDER BY v.position)
     FROM product_variants v WHERE v.product_id = p.id) AS variants
  FROM products p JOIN product_categories c ON c.id = p.category_id`;

function toProduct(row: ProductRow): Product {
  return {
    id: row.id,
    sku: row.sku,
    name: row.name,
    brand: row.brand,
    categoryId: row.category_id,
    categoryLabel: row.category_label,
    subcategory: row.subcategory,
    description: row.description,
    priceMinor: row.price_minor,
    compareAtPriceMinor: row.compare_at_price_minor,
    currency: row.currency,
    rating: row.rating,
    reviewCount: row.review_count,
    gender: row.gender,
    season: row.season,
    waterproof: row.waterproof,
    attributes: row.attributes,
    tags: row.tags,
    image: row.image,
    variants: (row.variants ?? []).map((v) => ({
      sku: v.sku,
      size: v.size,
      colour: v.colour,
      stock: v.stock,
      priceMinor: v.price_minor,
      image: v.image,
    })),
  };
}

/** Every product with its variants, by id: the whole catalogue in one statement. */
export async function readProducts(db: Database): Promise<Product[]> {
  return (await db.query<ProductRow>(`${SELECT_PRODUCTS} ORDER BY p.id`)).map(toProduct);
}
