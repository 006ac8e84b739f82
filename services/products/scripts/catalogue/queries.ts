/**
 * Labelled shop queries for search-quality tests (test/fixtures/product-queries.json). Relevance is
 * computed from the generated products' attributes, so the labels stay correct when the data changes:
 * 2 = an ideal result, 1 = acceptable, unlisted = should not rank above the listed ones.
 */
import type { Brand, CategoryId, Gender, Product, Variant } from './model.ts';

export interface QueryFilters {
  category?: CategoryId;
  brand?: Brand;
  gender?: Exclude<Gender, 'unisex'>;
  waterproof?: boolean;
  size?: string;
  colour?: string;
  minPriceMinor?: number;
  maxPriceMinor?: number;
  inStock?: boolean;
}

export interface QueryFixture {
  query: string;
  filters?: QueryFilters;
  /** What the customer means and how the grades were assigned. */
  note: string;
  relevant: Record<string, 1 | 2>;
}

type Grade = 0 | 1 | 2;

interface QuerySpec {
  query: string;
  filters?: QueryFilters;
  note: string;
  grade: (product: Product) => Grade;
}

/** The variants a size/colour filter leaves; all of them when neither is set. */
export function matchingVariants(product: Product, filters: QueryFilters = {}): Variant[] {
  return product.variants.filter(
    (variant) =>
      (filters.size === undefined || variant.size.toLowerCase() === filters.size.toLowerCase()) &&
      (filters.colour === undefined || variant.colour.toLowerCase() === filters.colour.toLowerCase()),
  );
}

export const effectivePrice = (product: Product, variant: Variant): number => variant.priceMinor ?? product.priceMinor;

/** The hard filters, with the semantics documented in data/README.md. */
export function matchesFilters(product: Product, filters: QueryFilters = {}): boolean {
  if (filters.category && product.category !== filters.category) return false;
  if (filters.brand && product.brand !== filters.brand) return false;
  if (filters.gender && product.attributes.gender !== filters.gender && product.attributes.gender !== 'unisex')
    return false;
  if (filters.waterproof !== undefined && product.attributes.waterproof !== filters.waterproof) return false;
  const variants = matchingVariants(product, filters);
  if (variants.length === 0) return false;
  const lowest = Math.min(...variants.map((variant) => effectivePrice(product, variant)));
  if (filters.maxPriceMinor !== undefined && lowest > filters.maxPriceMinor) return false;
  if (filters.minPriceMinor !== undefined && lowest < filters.minPriceMinor) return false;
  if (filters.inStock && !variants.some((variant) => variant.stock > 0)) return false;
  return true;
}

const hasSize = (p: Product, size: string): boolean => p.variants.some((v) => v.size === size);
const inStockInSize = (p: Product, size: string): boolean => p.variants.some((v) => v.size === size && v.stock > 0);
const sub = (p: Product, subcategory: string): boolean => p.subcategory === subcategory;
const cat = (p: Product, category: CategoryId): boolean => p.category === category;
const attr = (p: Product, name: string): unknown => p.attributes[name];
const num = (p: Product, name: string): number => Number(p.attributes[name]);
const g = (condition: boolean, grade: Grade): Grade => (condition ? grade : 0);
/** First matching grade wins. */
const first = (...grades: Grade[]): Grade => grades.find((grade) => grade > 0) ?? 0;

const isRainJacket = (p: Product): boolean => cat(p, 'rain-jackets');
const isKidsRainJacket = (p: Product): boolean => sub(p, 'kids-rain-jackets');
const isTrailShoe = (p: Product): boolean => cat(p, 'trail-running-shoes');
const isKidsTrailShoe = (p: Product): boolean => sub(p, 'kids-trail-shoes');
const isHikingBoot = (p: Product): boolean => cat(p, 'hiking-boots');
const isKidsHikingBoot = (p: Product): boolean => sub(p, 'kids-hiking-boots');
const isKidsRainBoot = (p: Product): boolean => sub(p, 'kids-rain-boots');
const isRainTrousers = (p: Product): boolean => sub(p, 'rain-trousers');
const isMerino = (p: Product): boolean => String(attr(p, 'material')).includes('merino');

const rainJacketQuery = (p: Product): Grade => first(g(isRainJacket(p), 2), g(isKidsRainJacket(p), 1));
const trainersQuery = (p: Product): Grade => first(g(isTrailShoe(p), 2), g(isKidsTrailShoe(p), 1));
const hikingBootsQuery = (p: Product): Grade => first(g(isHikingBoot(p), 2), g(isKidsHikingBoot(p), 1));

const SPECS: QuerySpec[] = [
  // --- rain jackets (scenario 6)
  { query: 'rain jacket', note: 'Adult rain jackets ideal; kids rain jackets acceptable.', grade: rainJacketQuery },
  { query: 'rainjaket', note: 'Typo of "rain jacket".', grade: rainJacketQuery },
  { query: 'raincoat', note: 'Synonym of rain jacket.', grade: rainJacketQuery },
  {
    query: 'waterproof jacket',
    note: 'Rain jackets ideal; waterproof parkas and kids waterproof jackets acceptable.',
    grade: (p) =>
      first(
        g(isRainJacket(p), 2),
        g(
          p.attributes.waterproof &&
            (p.category === 'insulated-jackets' || isKidsRainJacket(p) || sub(p, 'kids-insulated-jackets')),
          1,
        ),
      ),
  },
  {
    query: 'Is the rain jacket in medium in stock?',
    filters: { category: 'rain-jackets', size: 'M' },
    note: 'Rain jackets whose size M is in stock in some colour ideal; M sold out in every colour acceptable (answer: not in stock, suggest alternatives).',
    grade: (p) => first(g(isRainJacket(p) && inStockInSize(p, 'M'), 2), g(isRainJacket(p) && hasSize(p, 'M'), 1)),
  },
  {
    query: 'rain jacket under 100 euros',
    filters: { category: 'rain-jackets', maxPriceMinor: 10000 },
    note: 'Rain jackets at or below EUR 100.',
    grade: (p) => g(isRainJacket(p) && p.priceMinor <= 10000, 2),
  },
  {
    query: 'red rain jacket',
    note: 'Rain jackets available in red ideal; other rain jackets acceptable.',
    grade: (p) => first(g(isRainJacket(p) && p.variants.some((v) => v.colour === 'Red'), 2), g(isRainJacket(p), 1)),
  },
  {
    query: 'hardshell',
    note: 'Hardshell jackets ideal; other rain jackets acceptable.',
    grade: (p) => first(g(isRainJacket(p) && attr(p, 'shellType') === 'hardshell', 2), g(isRainJacket(p), 1)),
  },
  {
    query: 'womens rain jacket',
    filters: { gender: 'women' },
    note: "Women's rain jackets ideal; unisex rain jackets acceptable.",
    grade: (p) =>
      first(
        g(isRainJacket(p) && p.attributes.gender === 'women', 2),
        g(isRainJacket(p) && p.attributes.gender === 'unisex', 1),
      ),
  },

  // --- hiking boots (scenario 5)
  {
    query: 'Do you have waterproof hiking boots in size 44 under 150 euros?',
    filters: { category: 'hiking-boots', waterproof: true, size: '44', maxPriceMinor: 15000 },
    note: 'Waterproof hiking boots at or below EUR 150 with EU 44 in stock ideal; EU 44 sold out acceptable (show as unavailable).',
    grade: (p) => first(g(inStockInSize(p, '44'), 2), 1),
  },
  {
    query: 'waterproof hiking boots size 44',
    note: 'Waterproof hiking boots with EU 44 in stock ideal; EU 44 sold out acceptable.',
    grade: (p) =>
      first(
        g(isHikingBoot(p) && p.attributes.waterproof && inStockInSize(p, '44'), 2),
        g(isHikingBoot(p) && p.attributes.waterproof && hasSize(p, '44'), 1),
      ),
  },
  {
    query: 'hiking boots',
    filters: { gender: 'women' },
    note: "Women's hiking boots ideal; unisex acceptable.",
    grade: (p) =>
      first(
        g(isHikingBoot(p) && p.attributes.gender === 'women', 2),
        g(isHikingBoot(p) && p.attributes.gender === 'unisex', 1),
      ),
  },
  {
    query: 'hikng boots',
    note: 'Typo of "hiking boots": adult hiking boots ideal, kids hiking boots acceptable.',
    grade: hikingBootsQuery,
  },
  { query: 'walking boots', note: 'British synonym of hiking boots.', grade: hikingBootsQuery },
  {
    query: 'leather hiking boots',
    note: 'Full-grain or nubuck leather boots ideal; suede boots acceptable.',
    grade: (p) =>
      first(
        g(isHikingBoot(p) && /^(full-grain|nubuck) leather$/.test(String(attr(p, 'material'))), 2),
        g(isHikingBoot(p) && String(attr(p, 'material')).startsWith('suede'), 1),
      ),
  },
  {
    query: 'winter boots',
    note: 'Insulated winter hiking boots ideal; other high waterproof boots acceptable.',
    grade: (p) =>
      first(
        g(sub(p, 'winter-boots'), 2),
        g(isHikingBoot(p) && attr(p, 'cut') === 'high' && p.attributes.waterproof, 1),
      ),
  },
  {
    query: 'hiking boots over 150 euros',
    filters: { category: 'hiking-boots', minPriceMinor: 15000 },
    note: 'Hiking boots priced above EUR 150.',
    grade: (p) => g(isHikingBoot(p) && p.priceMinor > 15000, 2),
  },
  {
    query: 'Fjellmark boots',
    note: 'Fjellmark hiking boots ideal; other Fjellmark footwear acceptable.',
    grade: (p) =>
      first(
        g(isHikingBoot(p) && p.brand === 'Fjellmark', 2),
        g(p.brand === 'Fjellmark' && (isTrailShoe(p) || isKidsHikingBoot(p) || isKidsRainBoot(p)), 1),
      ),
  },

  // --- trail running shoes
  {
    query: 'trainers',
    note: 'Trail running shoes (tagged trainers) ideal; kids trail shoes acceptable.',
    grade: trainersQuery,
  },
  { query: 'sneakers', note: 'Synonym of trainers.', grade: trainersQuery },
  { query: 'running shoes', note: 'Trail running shoes ideal; kids trail shoes acceptable.', grade: trainersQuery },
  {
    query: 'trail runing shoes for women',
    note: "Typo; women's trail running shoes ideal, unisex acceptable.",
    grade: (p) =>
      first(
        g(isTrailShoe(p) && p.attributes.gender === 'women', 2),
        g(isTrailShoe(p) && p.attributes.gender === 'unisex', 1),
      ),
  },
  {
    query: 'trainers size 42',
    filters: { size: '42' },
    note: 'Trail running shoes with EU 42 in stock ideal; EU 42 sold out acceptable.',
    grade: (p) => first(g(isTrailShoe(p) && inStockInSize(p, '42'), 2), g(isTrailShoe(p) && hasSize(p, '42'), 1)),
  },
  {
    query: 'waterproof trail shoes',
    note: 'Waterproof trail running shoes ideal; other trail running shoes acceptable.',
    grade: (p) => first(g(isTrailShoe(p) && p.attributes.waterproof, 2), g(isTrailShoe(p), 1)),
  },

  // --- insulation, fleece, base layers
  {
    query: 'warm jacket for winter',
    note: 'Winter-rated insulated jackets ideal; lighter insulated jackets acceptable.',
    grade: (p) =>
      first(g(cat(p, 'insulated-jackets') && p.attributes.season === 'winter', 2), g(cat(p, 'insulated-jackets'), 1)),
  },
  {
    query: 'down jacket',
    note: 'Down-filled jackets ideal; synthetic insulated jackets acceptable.',
    grade: (p) =>
      first(g(cat(p, 'insulated-jackets') && attr(p, 'fill') === 'down', 2), g(cat(p, 'insulated-jackets'), 1)),
  },
  {
    query: 'puffer jacket',
    note: 'Any insulated jacket ideal; kids insulated jackets acceptable.',
    grade: (p) => first(g(cat(p, 'insulated-jackets'), 2), g(sub(p, 'kids-insulated-jackets'), 1)),
  },
  {
    query: 'synthetic insulated jacket',
    note: 'Synthetic fill ideal; down acceptable.',
    grade: (p) =>
      first(g(cat(p, 'insulated-jackets') && attr(p, 'fill') === 'synthetic', 2), g(cat(p, 'insulated-jackets'), 1)),
  },
  {
    query: 'insulated jacket under 150 euros',
    filters: { category: 'insulated-jackets', maxPriceMinor: 15000 },
    note: 'Insulated jackets at or below EUR 150.',
    grade: (p) => g(cat(p, 'insulated-jackets') && p.priceMinor <= 15000, 2),
  },
  {
    query: 'fleese',
    note: 'Typo of "fleece": adult fleeces ideal, kids fleeces acceptable.',
    grade: (p) => first(g(cat(p, 'fleeces'), 2), g(sub(p, 'kids-fleeces'), 1)),
  },
  {
    query: "women's fleece jacket",
    filters: { gender: 'women' },
    note: "Women's fleeces ideal; unisex fleeces acceptable.",
    grade: (p) =>
      first(
        g(cat(p, 'fleeces') && p.attributes.gender === 'women', 2),
        g(cat(p, 'fleeces') && p.attributes.gender === 'unisex', 1),
      ),
  },
  {
    query: 'half zip fleece',
    note: 'Half-zip fleeces ideal; other fleeces acceptable.',
    grade: (p) => first(g(cat(p, 'fleeces') && attr(p, 'zip') === 'half', 2), g(cat(p, 'fleeces'), 1)),
  },
  { query: 'base layer', note: 'Any base layer.', grade: (p) => g(cat(p, 'base-layers'), 2) },
  {
    query: 'thermal underwear',
    note: 'Synonym of base layers: all base layers ideal.',
    grade: (p) => g(cat(p, 'base-layers'), 2),
  },
  {
    query: 'merino t-shirt',
    note: 'Short-sleeve merino tops ideal; long-sleeve merino tops acceptable.',
    grade: (p) =>
      first(
        g(cat(p, 'base-layers') && isMerino(p) && attr(p, 'sleeve') === 'short', 2),
        g(cat(p, 'base-layers') && isMerino(p) && attr(p, 'garment') === 'top', 1),
      ),
  },
  {
    query: 'thermal leggings',
    note: 'Base layer bottoms.',
    grade: (p) => g(cat(p, 'base-layers') && attr(p, 'garment') === 'bottom', 2),
  },

  // --- trousers and socks
  {
    query: "men's hiking trousers",
    filters: { gender: 'men' },
    note: "Men's hiking trousers ideal; unisex ones and men's rain overtrousers acceptable.",
    grade: (p) =>
      first(
        g(cat(p, 'hiking-trousers') && !isRainTrousers(p) && p.attributes.gender === 'men', 2),
        g(cat(p, 'hiking-trousers') && (p.attributes.gender === 'unisex' || p.attributes.gender === 'men'), 1),
      ),
  },
  {
    query: 'hiking pants',
    note: 'American synonym: hiking trousers ideal; rain overtrousers acceptable.',
    grade: (p) => first(g(cat(p, 'hiking-trousers') && !isRainTrousers(p), 2), g(cat(p, 'hiking-trousers'), 1)),
  },
  { query: 'zip-off trousers', note: 'Convertible trousers.', grade: (p) => g(sub(p, 'convertible-trousers'), 2) },
  {
    query: 'waterproof trousers',
    note: 'Adult rain overtrousers ideal; kids rain trousers acceptable.',
    grade: (p) => first(g(isRainTrousers(p), 2), g(sub(p, 'kids-rain-trousers'), 1)),
  },
  { query: 'merino socks', note: 'Socks containing merino.', grade: (p) => g(cat(p, 'socks') && isMerino(p), 2) },
  { query: 'merino sokcs', note: 'Typo of "merino socks".', grade: (p) => g(cat(p, 'socks') && isMerino(p), 2) },
  {
    query: 'hiking socks',
    note: 'Hiking socks ideal; other socks acceptable.',
    grade: (p) => first(g(cat(p, 'socks') && attr(p, 'activity') === 'hiking', 2), g(cat(p, 'socks'), 1)),
  },
  {
    query: 'running socks',
    note: 'Running socks ideal; lightweight socks acceptable.',
    grade: (p) =>
      first(
        g(cat(p, 'socks') && attr(p, 'activity') === 'running', 2),
        g(cat(p, 'socks') && attr(p, 'cushioning') === 'light', 1),
      ),
  },

  // --- packs, tents, sleeping bags
  { query: 'backpack', note: 'Any backpack.', grade: (p) => g(cat(p, 'backpacks'), 2) },
  {
    query: 'rucksack 30 litres',
    note: 'Backpacks of 25–35 L ideal; 20–40 L acceptable.',
    grade: (p) =>
      first(
        g(cat(p, 'backpacks') && num(p, 'capacityLitres') >= 25 && num(p, 'capacityLitres') <= 35, 2),
        g(cat(p, 'backpacks') && num(p, 'capacityLitres') >= 20 && num(p, 'capacityLitres') <= 40, 1),
      ),
  },
  {
    query: 'daypack',
    note: 'Packs of 30 L or less ideal; up to 40 L acceptable.',
    grade: (p) =>
      first(
        g(cat(p, 'backpacks') && num(p, 'capacityLitres') <= 30, 2),
        g(cat(p, 'backpacks') && num(p, 'capacityLitres') <= 40, 1),
      ),
  },
  {
    query: 'backpak for trekking',
    note: 'Typo; trekking packs of 40 L or more ideal, 35–39 L acceptable.',
    grade: (p) =>
      first(
        g(cat(p, 'backpacks') && num(p, 'capacityLitres') >= 40 && p.subcategory !== 'travel-packs', 2),
        g(cat(p, 'backpacks') && num(p, 'capacityLitres') >= 35, 1),
      ),
  },
  {
    query: 'alpora backpack',
    note: 'Alpora backpacks ideal; other backpacks acceptable.',
    grade: (p) => first(g(cat(p, 'backpacks') && p.brand === 'Alpora', 2), g(cat(p, 'backpacks'), 1)),
  },
  {
    query: 'tent for 2 people',
    note: 'Two-person tents ideal; three-person tents acceptable.',
    grade: (p) =>
      first(g(cat(p, 'tents') && num(p, 'persons') === 2, 2), g(cat(p, 'tents') && num(p, 'persons') === 3, 1)),
  },
  { query: 'tnet', note: 'Typo of "tent".', grade: (p) => g(cat(p, 'tents'), 2) },
  {
    query: 'family tent',
    note: 'Tents for 4 or more ideal; 3-person tents acceptable.',
    grade: (p) =>
      first(g(cat(p, 'tents') && num(p, 'persons') >= 4, 2), g(cat(p, 'tents') && num(p, 'persons') === 3, 1)),
  },
  {
    query: 'lightweight backpacking tent',
    note: 'Tents for 1–2 under 2 kg ideal; under 2.6 kg acceptable.',
    grade: (p) =>
      first(
        g(cat(p, 'tents') && num(p, 'persons') <= 2 && p.attributes.weightGrams < 2000, 2),
        g(cat(p, 'tents') && p.attributes.weightGrams < 2600, 1),
      ),
  },
  { query: 'sleping bag', note: 'Typo of "sleeping bag".', grade: (p) => g(cat(p, 'sleeping-bags'), 2) },
  {
    query: 'sleeping bag for winter camping',
    note: 'Comfort rating -5 °C or colder ideal; 0 °C or colder acceptable.',
    grade: (p) =>
      first(
        g(cat(p, 'sleeping-bags') && num(p, 'tempRatingC') <= -5, 2),
        g(cat(p, 'sleeping-bags') && num(p, 'tempRatingC') <= 0, 1),
      ),
  },
  {
    query: 'summer sleeping bag',
    note: 'Comfort rating +8 °C or warmer ideal; +3 °C or warmer acceptable.',
    grade: (p) =>
      first(
        g(cat(p, 'sleeping-bags') && num(p, 'tempRatingC') >= 8, 2),
        g(cat(p, 'sleeping-bags') && num(p, 'tempRatingC') >= 3, 1),
      ),
  },

  // --- accessories
  { query: 'headlamp', note: 'Any headlamp.', grade: (p) => g(sub(p, 'headlamps'), 2) },
  { query: 'head torch', note: 'British synonym of headlamp.', grade: (p) => g(sub(p, 'headlamps'), 2) },
  { query: 'water bottle', note: 'Any bottle.', grade: (p) => g(sub(p, 'bottles'), 2) },
  {
    query: 'thermos',
    note: 'Insulated bottles ideal; other bottles acceptable.',
    grade: (p) => first(g(sub(p, 'bottles') && attr(p, 'insulated') === true, 2), g(sub(p, 'bottles'), 1)),
  },
  {
    query: 'winter gloves',
    note: 'Winter gloves and mittens ideal; other gloves acceptable.',
    grade: (p) => first(g(sub(p, 'gloves') && p.attributes.season === 'winter', 2), g(sub(p, 'gloves'), 1)),
  },
  {
    query: 'waterproof gloves',
    note: 'Waterproof gloves ideal; other winter gloves acceptable.',
    grade: (p) =>
      first(
        g(sub(p, 'gloves') && p.attributes.waterproof, 2),
        g(sub(p, 'gloves') && p.attributes.season === 'winter', 1),
      ),
  },
  { query: 'beanie', note: 'Beanies.', grade: (p) => g(sub(p, 'hats') && attr(p, 'hatType') === 'beanie', 2) },
  {
    query: 'sun hat',
    note: 'Sun hats ideal; bucket hats acceptable.',
    grade: (p) =>
      first(
        g(sub(p, 'hats') && attr(p, 'hatType') === 'sun hat', 2),
        g(sub(p, 'hats') && attr(p, 'hatType') === 'bucket hat', 1),
      ),
  },

  // --- kids
  {
    query: 'kids rain boots',
    note: 'Kids rain boots ideal; kids waterproof hiking boots acceptable.',
    grade: (p) => first(g(isKidsRainBoot(p), 2), g(isKidsHikingBoot(p), 1)),
  },
  {
    query: 'wellies',
    note: 'British word for rain boots (only kids sizes are stocked).',
    grade: (p) => g(isKidsRainBoot(p), 2),
  },
  {
    query: 'kids rain jacket',
    note: 'Kids rain jackets ideal; kids waterproof winter jackets acceptable.',
    grade: (p) => first(g(isKidsRainJacket(p), 2), g(sub(p, 'kids-insulated-jackets'), 1)),
  },
  {
    query: "children's winter jacket",
    note: 'Kids insulated jackets ideal; kids rain jackets and fleeces acceptable.',
    grade: (p) => first(g(sub(p, 'kids-insulated-jackets'), 2), g(isKidsRainJacket(p) || sub(p, 'kids-fleeces'), 1)),
  },
];

export function buildQueryFixtures(products: readonly Product[]): QueryFixture[] {
  return SPECS.map((spec) => {
    const graded = products
      .filter((product) => matchesFilters(product, spec.filters))
      .map((product) => ({ id: product.id, grade: spec.grade(product) }))
      .filter((entry): entry is { id: string; grade: 1 | 2 } => entry.grade > 0)
      .sort((a, b) => b.grade - a.grade || (a.id < b.id ? -1 : 1));
    if (!graded.some((entry) => entry.grade === 2)) throw new Error(`query "${spec.query}" has no ideal result`);
    return {
      query: spec.query,
      ...(spec.filters ? { filters: spec.filters } : {}),
      note: spec.note,
      relevant: Object.fromEntries(graded.map((entry) => [entry.id, entry.grade])),
    };
  });
}
