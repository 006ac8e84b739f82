/** Types and fixed vocabularies of the Northwind Outfitters catalogue (see data/README.md). */

export type Gender = 'men' | 'women' | 'unisex' | 'kids';
export type Season = 'summer' | '3-season' | 'winter' | 'all-season';

export const CATEGORIES = [
  { id: 'hiking-boots', label: 'Hiking boots', code: 'HB' },
  { id: 'trail-running-shoes', label: 'Trail running shoes', code: 'TR' },
  { id: 'rain-jackets', label: 'Rain jackets', code: 'RJ' },
  { id: 'insulated-jackets', label: 'Insulated jackets', code: 'IJ' },
  { id: 'fleeces', label: 'Fleeces', code: 'FL' },
  { id: 'base-layers', label: 'Base layers', code: 'BL' },
  { id: 'hiking-trousers', label: 'Hiking trousers', code: 'HT' },
  { id: 'socks', label: 'Socks', code: 'SK' },
  { id: 'backpacks', label: 'Backpacks', code: 'BP' },
  { id: 'tents', label: 'Tents', code: 'TN' },
  { id: 'sleeping-bags', label: 'Sleeping bags', code: 'SB' },
  { id: 'accessories', label: 'Accessories', code: 'AC' },
  { id: 'kids', label: 'Kids', code: 'KD' },
] as const;
export type CategoryId = (typeof CATEGORIES)[number]['id'];

export const BRANDS = {
  Northwind: { code: 'NWD', priceFactor: 1.0, priceEnding: 95 },
  Fjellmark: { code: 'FJM', priceFactor: 1.18, priceEnding: 95 },
  Alpora: { code: 'ALP', priceFactor: 1.28, priceEnding: 0 },
  Tidewater: { code: 'TDW', priceFactor: 0.95, priceEnding: 95 },
  Brackenfold: { code: 'BRK', priceFactor: 0.8, priceEnding: 99 },
} as const;
export type Brand = keyof typeof BRANDS;

export const COLOURS = {
  black: { name: 'Black', hex: '#25282d', code: 'BLK' },
  charcoal: { name: 'Charcoal', hex: '#4a4f57', code: 'CHR' },
  grey: { name: 'Grey', hex: '#8d9197', code: 'GRY' },
  silver: { name: 'Silver', hex: '#b9bfc6', code: 'SLV' },
  navy: { name: 'Navy', hex: '#1f3a5f', code: 'NVY' },
  slateBlue: { name: 'Slate Blue', hex: '#4f6d8f', code: 'SLB' },
  skyBlue: { name: 'Sky Blue', hex: '#5aa9d6', code: 'SKY' },
  teal: { name: 'Teal', hex: '#1f8a8a', code: 'TEA' },
  forestGreen: { name: 'Forest Green', hex: '#2f5d3a', code: 'FGR' },
  olive: { name: 'Olive', hex: '#6b6b3a', code: 'OLV' },
  moss: { name: 'Moss', hex: '#7a8f4a', code: 'MOS' },
  lime: { name: 'Lime', hex: '#9cc43a', code: 'LIM' },
  sand: { name: 'Sand', hex: '#cdb891', code: 'SND' },
  stone: { name: 'Stone', hex: '#a89f91', code: 'STN' },
  natural: { name: 'Natural', hex: '#e6dcc6', code: 'NAT' },
  tan: { name: 'Tan', hex: '#b08457', code: 'TAN' },
  brown: { name: 'Brown', hex: '#6e4b2e', code: 'BRN' },
  burgundy: { name: 'Burgundy', hex: '#7a2636', code: 'BUR' },
  red: { name: 'Red', hex: '#c8362f', code: 'RED' },
  orange: { name: 'Orange', hex: '#e0702b', code: 'ORG' },
  coral: { name: 'Coral', hex: '#e8735f', code: 'COR' },
  mustard: { name: 'Mustard', hex: '#d4a531', code: 'MUS' },
  yellow: { name: 'Yellow', hex: '#f2c230', code: 'YEL' },
  pink: { name: 'Pink', hex: '#e07aa5', code: 'PNK' },
  plum: { name: 'Plum', hex: '#6b3f6e', code: 'PLM' },
} as const;
export type ColourKey = keyof typeof COLOURS;

/** Item silhouettes drawn by svg.ts; each product uses one. */
export type Shape =
  | 'boot'
  | 'shoe'
  | 'rain-boot'
  | 'jacket'
  | 'puffer'
  | 'fleece'
  | 'shirt'
  | 'leggings'
  | 'trousers'
  | 'sock'
  | 'backpack'
  | 'tent'
  | 'sleeping-bag'
  | 'headlamp'
  | 'bottle'
  | 'glove'
  | 'beanie'
  | 'sun-hat';

export type AttributeValue = string | number | boolean;

export interface Attributes {
  waterproof: boolean;
  material: string;
  weightGrams: number;
  gender: Gender;
  season: Season;
  [name: string]: AttributeValue;
}

export interface Variant {
  sku: string;
  size: string;
  colour: string;
  stock: number;
  priceMinor?: number;
  image: string;
}

export interface Product {
  id: string;
  sku: string;
  name: string;
  brand: Brand;
  category: CategoryId;
  subcategory: string;
  description: string;
  priceMinor: number;
  currency: 'EUR';
  compareAtPriceMinor?: number;
  rating: number;
  reviewCount: number;
  attributes: Attributes;
  tags: string[];
  variants: Variant[];
  image: string;
}

/** What a category generator describes; generate-catalogue.ts turns it into a Product. */
export interface Draft {
  category: CategoryId;
  subcategory: string;
  brand: Brand;
  /** Invented model word, e.g. "Skarvet". */
  model: string;
  /** The part of the name after the model, e.g. "Mid Waterproof Hiking Boot". */
  title: string;
  /** List price in euros before the brand's price factor and rounding. */
  basePriceEur: number;
  attributes: Attributes;
  /** 2–4 sentences. */
  sentences: string[];
  tags: string[];
  shape: Shape;
  colours: ColourKey[];
  sizes: string[];
  /** Extra cents for some sizes (e.g. a long sleeping bag); becomes the variant's priceMinor override. */
  sizeSurchargeMinor?: Record<string, number>;
}

const range = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

export const SIZES = {
  footwear: { men: range(40, 47), women: range(36, 42), unisex: range(36, 47) },
  clothing: {
    men: ['S', 'M', 'L', 'XL', 'XXL'],
    women: ['XS', 'S', 'M', 'L', 'XL'],
    unisex: ['XS', 'S', 'M', 'L', 'XL', 'XXL'],
  },
  socks: {
    men: ['39-41', '42-44', '45-47'],
    women: ['36-38', '39-41', '42-44'],
    unisex: ['36-38', '39-41', '42-44', '45-47'],
  },
  gloves: { men: ['M', 'L', 'XL'], women: ['XS', 'S', 'M', 'L'], unisex: ['S', 'M', 'L', 'XL'] },
  kidsFootwear: range(26, 35),
  kidsClothing: ['98/104', '110/116', '122/128', '134/140', '146/152'],
} as const;

/** Invented model names, drawn without replacement within a category ("Stormline" is reserved for the rain jacket anchor). */
export const MODEL_NAMES = [
  'Glimra',
  'Skarvet',
  'Tindra',
  'Halden',
  'Corrie',
  'Scree',
  'Birkely',
  'Lauvik',
  'Fjordsen',
  'Ridgeback',
  'Kestrel',
  'Arven',
  'Solvik',
  'Brenna',
  'Torvald',
  'Vindur',
  'Myrhe',
  'Ostra',
  'Kjelda',
  'Ravnes',
  'Granit',
  'Lyngen',
  'Saltry',
  'Tarn',
  'Cairn',
  'Moraine',
  'Cirrus',
  'Nimbus',
  'Squall',
  'Harbour',
  'Driftwood',
  'Bracken',
  'Heather',
  'Ptarmigan',
  'Lichen',
  'Juniper',
  'Alder',
  'Rowan',
  'Sedge',
  'Marram',
  'Shingle',
  'Beacon',
  'Lantern',
  'Ember',
  'Rime',
  'Serac',
  'Couloir',
  'Arete',
  'Traverse',
  'Switchback',
  'Contour',
  'Waymark',
  'Longstep',
  'Skyline',
  'Fellrunner',
  'Breidal',
  'Austra',
  'Valdra',
  'Hekla',
  'Sorrel',
] as const;
