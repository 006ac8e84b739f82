import type { SearchableProduct } from './searchable-product.ts';

/** Numeric attributes customers name in words ("30 litres", "2 person", "1000 lumens"); other numbers are noise. */
const SPOKEN_NUMBERS: Record<string, string> = {
  capacityLitres: 'litres',
  persons: 'person',
  lumens: 'lumens',
  fillPower: 'fill power',
  layers: 'layer',
};

/** String attributes whose value reads right only with the attribute's name: "half" zip, "long" sleeve. */
const NAMED_VALUES: Record<string, string> = {
  zip: 'zip',
  cut: 'cut',
  sleeve: 'sleeve',
  hood: 'hood',
  fit: 'fit',
  cushioning: 'cushioning',
  fill: 'fill',
};

/** Attributes that are only ever matched through filters or displayed, never searched by word. */
const UNSPOKEN = new Set(['weightGrams', 'ageRange']);

/** `pitZips` → `pit zips`. */
function keyWords(key: string): string {
  return key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/**
 * The product's attributes as the words a customer would use for them: "waterproof", "winter", "down
 * fill", "half zip", "26 litres", "pit zips". A unisex product is for men and women alike, so it answers
 * to both words (after the products made for that gender, which also say it in their name).
 */
export function describeAttributes(product: SearchableProduct): string {
  const parts: string[] = [product.gender === 'unisex' ? 'unisex men women' : product.gender, product.season];
  if (product.waterproof) parts.push('waterproof');
  for (const [key, value] of Object.entries(product.attributes)) {
    if (UNSPOKEN.has(key)) continue;
    if (value === true) parts.push(keyWords(key));
    else if (typeof value === 'string') parts.push(NAMED_VALUES[key] ? `${value} ${NAMED_VALUES[key]}` : value);
    else if (typeof value === 'number' && SPOKEN_NUMBERS[key]) parts.push(`${value} ${SPOKEN_NUMBERS[key]}`);
  }
  return parts.join(' | ');
}
