/**
 * One generator per category. Each describes products as Drafts (brand, model, attributes, sentences,
 * tags, colours, sizes); generate-catalogue.ts turns them into priced products with variants and stock.
 * Every choice comes from the category's own seeded Rng, so one category's changes do not reshuffle another.
 */
import {
  type Attributes,
  type Brand,
  type CategoryId,
  type ColourKey,
  type Draft,
  type Gender,
  MODEL_NAMES,
  type Season,
  SIZES,
} from './model.ts';
import type { Rng } from './prng.ts';

export interface CategoryContext {
  rng: Rng;
  brand(weights: Partial<Record<Brand, number>>): Brand;
  /** A model name not yet used in this category. */
  modelName(): string;
  colours(pool: readonly ColourKey[], min: number, max: number): ColourKey[];
  /**
   * Which gender versions of one model to make: both men's and women's (a "pair"), one of them, or unisex.
   * Never more than `remaining`.
   */
  genders(weights: { pair?: number; men?: number; women?: number; unisex?: number }, remaining: number): Gender[];
}

export type CategoryGenerator = (ctx: CategoryContext, target: number) => Draft[];

export function createContext(rng: Rng): CategoryContext {
  const names = rng.shuffle(MODEL_NAMES);
  return {
    rng,
    brand: (weights) => rng.weighted(Object.entries(weights) as [Brand, number][]),
    modelName: () => {
      const name = names.pop();
      if (!name) throw new Error('ran out of model names: add more to MODEL_NAMES');
      return name;
    },
    colours: (pool, min, max) => rng.sample(pool, Math.min(pool.length, rng.int(min, max))),
    genders: (weights, remaining) => {
      const plan = rng.weighted(
        (['pair', 'men', 'women', 'unisex'] as const)
          .map((key) => [key, weights[key] ?? 0] as const)
          .filter(([, weight]) => weight > 0),
      );
      if (plan === 'pair') return remaining >= 2 ? ['men', 'women'] : [rng.pick(['men', 'women'] as const)];
      return [plan];
    },
  };
}

// ---------------------------------------------------------------- text helpers

const GENDER_TAGS: Record<Gender, string[]> = {
  men: ["men's", 'mens', 'for men'],
  women: ["women's", 'womens', 'ladies', 'for women'],
  unisex: ['unisex'],
  kids: ['kids', "kids'", 'children', 'junior', 'boys', 'girls'],
};

/** "1,240 g" style is ambiguous across locales: grams below 1 kg, kilograms with two decimals above. */
export const formatWeight = (grams: number): string =>
  grams < 1000 ? `${grams} g` : `${(grams / 1000).toFixed(2).replace(/0$/, '')} kg`;

/** 15000 → "15,000" without depending on the ICU data Node was built with. */
export const thousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

const refSize = (gender: Gender, kind: 'footwear' | 'clothing'): string => {
  if (kind === 'footwear') return gender === 'women' ? 'EU 38' : gender === 'kids' ? 'EU 30' : 'EU 42';
  return gender === 'kids' ? 'size 122/128' : 'size M';
};

const FOOTWEAR_FIT: Record<string, string> = {
  regular: 'it fits true to size with a medium-volume last',
  wide: 'the wide last gives a roomy toe box and fits true to size',
  narrow: 'the narrow, low-volume last fits snugly, so consider half a size up if you are between sizes',
};

const CLOTHING_FIT: Record<string, string> = {
  regular: 'the regular fit leaves room for a layer underneath',
  slim: 'the slim, athletic fit sits close to the body, so size up if you layer heavily',
  relaxed: 'the relaxed fit is cut generously for thick layers',
};

function common(
  material: string,
  weightGrams: number,
  gender: Gender,
  season: Season,
  waterproof: boolean,
): Attributes {
  return { waterproof, material, weightGrams, gender, season };
}

const genderWeight = (grams: number, gender: Gender): number =>
  Math.round((gender === 'women' ? grams * 0.84 : gender === 'unisex' ? grams * 0.93 : grams) / 5) * 5;

const listJoin = (items: string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

const uniq = (tags: string[]): string[] => [...new Set(tags.map((tag) => tag.toLowerCase()))];

function base(
  category: CategoryId,
  brand: Brand,
  model: string,
  gender: Gender,
): Pick<Draft, 'category' | 'brand' | 'model'> & { gender: Gender } {
  return { category, brand, model, gender };
}

// ---------------------------------------------------------------- footwear

const BOOT_MATERIALS = [
  { name: 'full-grain leather', leather: true, text: 'full-grain leather' },
  { name: 'nubuck leather', leather: true, text: 'water-resistant nubuck leather' },
  { name: 'suede and polyamide mesh', leather: true, text: 'suede with abrasion-resistant polyamide mesh panels' },
  { name: 'synthetic leather and mesh', leather: false, text: 'synthetic leather and breathable mesh' },
] as const;

export const hikingBoots: CategoryGenerator = (ctx, target) => {
  const { rng } = ctx;
  const drafts: Draft[] = [];
  while (drafts.length < target) {
    const brand = ctx.brand({ Fjellmark: 4, Northwind: 4, Alpora: 2, Tidewater: 1, Brackenfold: 3 });
    const model = ctx.modelName();
    const cut = rng.weighted([
      ['mid', 7],
      ['high', 3],
    ] as const);
    const winter = cut === 'high' && rng.chance(0.3);
    const waterproof = winter || rng.chance(0.72);
    const material = rng.pick(BOOT_MATERIALS);
    const drop = rng.pick([8, 10, 12, 14]);
    const lugMm = rng.pick([4, 5, 6]);
    const fit = rng.weighted([
      ['regular', 6],
      ['wide', 2],
      ['narrow', 1],
    ] as const);
    const use = winter
      ? 'winter walking on snowy paths and frozen forest tracks'
      : rng.pick([
          'day hikes on rocky, muddy trails',
          'multi-day treks with a loaded pack',
          'wet autumn walks across boggy moorland',
          'mixed mountain terrain, scree and steep descents',
          'everyday countryside walks and waymarked trails',
        ]);
    const basePrice =
      72 + (cut === 'high' ? 35 : 0) + (waterproof ? 22 : 0) + (material.leather ? 18 : 0) + (winter ? 30 : 0);
    const price = basePrice + rng.int(0, 40);
    const menWeight = 1080 + (cut === 'high' ? 280 : 0) + (material.leather ? 150 : 0) + (winter ? 200 : 0);
    const weightBase = menWeight + rng.int(-8, 16) * 10;
    const colours = ctx.colours(['brown', 'tan', 'black', 'charcoal', 'olive', 'slateBlue', 'burgundy', 'grey'], 2, 3);
    const title = [
      cut === 'high' ? 'High' : 'Mid',
      waterproof ? 'Waterproof' : '',
      winter ? 'Winter' : '',
      'Hiking Boot',
    ]
      .filter(Boolean)
      .join(' ');
    for (const gender of ctx.genders({ pair: 6, men: 2, women: 1, unisex: 1 }, target - drafts.length)) {
      const weightGrams = genderWeight(weightBase, gender);
      const sentences = [
        `A ${cut}-cut ${waterproof ? 'waterproof ' : ''}hiking boot for ${use}.`,
        `The upper is ${material.text}${
          waterproof
            ? ', lined with a waterproof, breathable membrane'
            : ' with a breathable lining, so it dries quickly but is not waterproof'
        }, on a rubber outsole with ${lugMm} mm lugs.`,
        `It weighs ${formatWeight(weightGrams)} per pair (${refSize(gender, 'footwear')}) with a ${drop} mm heel-to-toe drop; ${FOOTWEAR_FIT[fit]}.`,
      ];
      if (winter) sentences.push('A 200 g synthetic insulation layer keeps toes warm down to about -20 °C.');
      else if (material.name === 'full-grain leather' && rng.chance(0.5))
        sentences.push('The stitched construction can be resoled by a cobbler.');
      drafts.push({
        ...base('hiking-boots', brand, model, gender),
        subcategory: winter ? 'winter-boots' : `${cut}-cut-boots`,
        title,
        basePriceEur: price,
        attributes: {
          ...common(
            material.name,
            weightGrams,
            gender,
            winter ? 'winter' : rng.pick(['3-season', 'all-season']),
            waterproof,
          ),
          cut,
          drop,
          lugDepthMm: lugMm,
          fit,
        },
        sentences,
        tags: uniq([
          'hiking boots',
          'walking boots',
          'trekking boots',
          'boots',
          ...(waterproof ? ['waterproof boots', 'waterproof'] : []),
          ...(winter ? ['winter boots', 'snow boots', 'insulated boots'] : []),
          ...(material.leather ? ['leather boots'] : ['vegan', 'synthetic']),
          ...(cut === 'high' ? ['high boots', 'mountain boots'] : ['mid boots']),
          ...GENDER_TAGS[gender],
        ]),
        shape: 'boot',
        colours,
        sizes: [...SIZES.footwear[gender as 'men' | 'women' | 'unisex']],
      });
    }
  }
  return drafts;
};

export const trailRunningShoes: CategoryGenerator = (ctx, target) => {
  const { rng } = ctx;
  const drafts: Draft[] = [];
  while (drafts.length < target) {
    const brand = ctx.brand({ Alpora: 3, Northwind: 3, Fjellmark: 2, Tidewater: 1, Brackenfold: 2 });
    const model = ctx.modelName();
    const waterproof = rng.chance(0.22);
    const cushioning = rng.pick(['light', 'moderate', 'max'] as const);
    const drop = rng.pick([0, 4, 6, 8, 10]);
    const lugMm = rng.pick([3.5, 4, 5, 6]);
    const material = rng.pick(['engineered polyester mesh', 'recycled polyester mesh', 'ripstop polyamide']);
    const fit = rng.weighted([
      ['regular', 6],
      ['wide', 2],
      ['narrow', 2],
    ] as const);
    const use = rng.pick([
      'fast runs on dry, rocky singletrack',
      'muddy, technical trails where grip matters most',
      'long-distance ultras and forest paths',
      'mixed road-to-trail runs from your front door',
      'steep mountain races and fell running',
    ]);
    const price = 68 + (cushioning === 'max' ? 30 : cushioning === 'moderate' ? 15 : 0) + (waterproof ? 20 : 0);
    const weightBase = 560 + (cushioning === 'max' ? 110 : cushioning === 'moderate' ? 60 : 0) + rng.int(0, 8) * 10;
    const colours = ctx.colours(
      ['black', 'orange', 'teal', 'skyBlue', 'coral', 'lime', 'grey', 'plum', 'slateBlue'],
      2,
      3,
    );
    const title = `${waterproof ? 'Waterproof ' : ''}Trail Running Shoe`;
    for (const gender of ctx.genders({ pair: 7, men: 1, women: 1, unisex: 1 }, target - drafts.length)) {
      const weightGrams = genderWeight(weightBase + (waterproof ? 60 : 0), gender);
      const sentences = [
        `A ${cushioning === 'max' ? 'maximally cushioned' : `${cushioning}ly cushioned`.replace('lightly', 'lightweight, lightly')} trail running shoe for ${use}.`,
        `The ${material} upper sits on a ${cushioning === 'max' ? 'max-cushion' : `${cushioning}-cushion`} midsole with a ${drop} mm drop and ${lugMm} mm lugs for grip on wet rock and mud.`,
        `It weighs ${formatWeight(weightGrams)} per pair (${refSize(gender, 'footwear')}); ${FOOTWEAR_FIT[fit]}.`,
      ];
      if (waterproof) sentences.push('A waterproof membrane keeps feet dry through puddles and wet grass.');
      drafts.push({
        ...base('trail-running-shoes', brand, model, gender),
        subcategory: waterproof ? 'waterproof-trail-shoes' : 'trail-shoes',
        title,
        basePriceEur: price + rng.int(0, 35),
        attributes: {
          ...common(
            material,
            weightGrams,
            gender,
            waterproof ? 'all-season' : rng.pick(['3-season', 'summer']),
            waterproof,
          ),
          drop,
          cushioning,
          lugDepthMm: lugMm,
          fit,
        },
        sentences,
        tags: uniq([
          'trail running shoes',
          'running shoes',
          'trail shoes',
          'trainers',
          'sneakers',
          'runners',
          'running trainers',
          ...(waterproof ? ['waterproof trainers', 'waterproof'] : []),
          ...(drop <= 4 ? ['low drop', 'zero drop'].slice(0, drop === 0 ? 2 : 1) : []),
          ...(cushioning === 'max' ? ['cushioned', 'max cushion'] : []),
          ...GENDER_TAGS[gender],
        ]),
        shape: 'shoe',
        colours,
        sizes: [...SIZES.footwear[gender as 'men' | 'women' | 'unisex']],
      });
    }
  }
  return drafts;
};

// ---------------------------------------------------------------- jackets

const RAIN_TYPES = {
  rain: {
    title: 'Rain Jacket',
    shellType: 'rain shell',
    layers: 2.5,
    material: '2.5-layer recycled polyamide',
    rating: [10000, 15000],
    weight: [300, 380],
    price: 72,
    uses: ['everyday rain and city commutes', 'hill walking in changeable weather', 'wet days on the coast path'],
  },
  packable: {
    title: 'Packable Rain Jacket',
    shellType: 'packable shell',
    layers: 2.5,
    material: '2.5-layer ripstop polyamide',
    rating: [10000, 20000],
    weight: [190, 260],
    price: 82,
    uses: ['travel and fast hikes, packed away until the clouds roll in', 'summer hiking and trail running'],
  },
  hardshell: {
    title: '3-Layer Hardshell Jacket',
    shellType: 'hardshell',
    layers: 3,
    material: '3-layer polyamide ripstop',
    rating: [20000, 28000],
    weight: [360, 480],
    price: 185,
    uses: [
      'alpine routes and stormy ridges',
      'winter mountaineering and ski touring',
      'multi-day treks in wild weather',
    ],
  },
  parka: {
    title: 'Waterproof Rain Parka',
    shellType: 'parka',
    layers: 2,
    material: 'mesh-lined 2-layer polyester',
    rating: [10000, 15000],
    weight: [520, 690],
    price: 125,
    uses: ['rainy city commutes and dog walks', 'long wet days in town and country'],
  },
} as const;

export const rainJackets: CategoryGenerator = (ctx, target) => {
  const { rng } = ctx;
  const drafts: Draft[] = [];
  let first = true;
  while (drafts.length < target) {
    // The first model is the shop's best-known rain jacket, used by the support scenarios.
    const brand = first
      ? 'Northwind'
      : ctx.brand({ Tidewater: 4, Northwind: 3, Alpora: 3, Fjellmark: 2, Brackenfold: 2 });
    const model = first ? 'Stormline' : ctx.modelName();
    const typeKey = first
      ? 'rain'
      : rng.weighted([
          ['rain', 4],
          ['packable', 2],
          ['hardshell', 3],
          ['parka', 2],
        ] as const);
    const type = RAIN_TYPES[typeKey];
    const rating = rng.pick(type.rating);
    const breathability = typeKey === 'hardshell' ? rng.pick([20000, 25000, 30000]) : rng.pick([8000, 10000, 15000]);
    const hood = typeKey === 'hardshell' ? 'helmet-compatible' : typeKey === 'packable' ? 'stowaway' : 'adjustable';
    const pitZips = typeKey === 'hardshell' || (typeKey === 'rain' && rng.chance(0.4));
    const fit =
      typeKey === 'hardshell' ? rng.pick(['regular', 'slim'] as const) : rng.pick(['regular', 'relaxed'] as const);
    const use = rng.pick(type.uses);
    const colours = first
      ? (['red', 'navy', 'forestGreen'] as ColourKey[])
      : ctx.colours(
          ['red', 'navy', 'forestGreen', 'black', 'mustard', 'slateBlue', 'teal', 'plum', 'orange', 'skyBlue'],
          2,
          4,
        );
    const weightBase = rng.int(type.weight[0] / 10, type.weight[1] / 10) * 10;
    const price = type.price + rng.int(0, 40);
    const genders: Gender[] = first
      ? ['men', 'women']
      : ctx.genders({ pair: 7, men: 1, women: 1, unisex: 1 }, target - drafts.length);
    first = false;
    for (const gender of genders) {
      const weightGrams = genderWeight(weightBase, gender);
      const hoodText =
        hood === 'helmet-compatible'
          ? 'a helmet-compatible hood with a stiffened peak'
          : hood === 'stowaway'
            ? 'a hood that rolls into the collar'
            : 'an adjustable hood with a wired peak';
      const sentences = [
        `${{ rain: 'A waterproof, breathable rain jacket', packable: 'A featherweight, packable rain jacket', hardshell: 'A fully featured hardshell jacket', parka: 'A long, waterproof rain parka' }[typeKey]} for ${use}.`,
        `Its ${type.material} shell is rated to ${thousands(rating)} mm hydrostatic head and ${thousands(breathability)} g/m²/24h breathability, with fully taped seams and ${hoodText}.`,
        `It weighs ${formatWeight(weightGrams)} (${refSize(gender, 'clothing')}); ${CLOTHING_FIT[fit]}.`,
      ];
      if (pitZips) sentences.push('Pit zips let heat out on steep climbs.');
      else if (typeKey === 'packable')
        sentences.push('It packs into its own chest pocket, about the size of a water bottle.');
      else if (typeKey === 'parka') sentences.push('The longer cut covers the hips and has a two-way front zip.');
      drafts.push({
        ...base('rain-jackets', brand, model, gender),
        subcategory: typeKey === 'hardshell' ? 'hardshells' : typeKey === 'parka' ? 'rain-parkas' : 'rain-jackets',
        title: type.title,
        basePriceEur: price,
        attributes: {
          ...common(type.material, weightGrams, gender, typeKey === 'hardshell' ? 'all-season' : '3-season', true),
          shellType: type.shellType,
          layers: type.layers,
          waterproofRatingMm: rating,
          breathabilityGm: breathability,
          hood,
          pitZips,
          packable: typeKey === 'packable',
          fit,
        },
        sentences,
        tags: uniq([
          'rain jacket',
          'raincoat',
          'rain coat',
          'waterproof jacket',
          'shell jacket',
          'shell',
          'waterproof',
          'jacket',
          ...(typeKey === 'hardshell' ? ['hardshell', 'hard shell', 'mountain jacket', '3-layer'] : []),
          ...(typeKey === 'packable' ? ['packable', 'lightweight', 'travel jacket'] : []),
          ...(typeKey === 'parka' ? ['parka', 'long raincoat', 'waterproof coat'] : []),
          ...GENDER_TAGS[gender],
        ]),
        shape: 'jacket',
        colours,
        sizes: [...SIZES.clothing[gender as 'men' | 'women' | 'unisex']],
      });
    }
  }
  return drafts;
};

const INSULATED_TYPES = {
  down: { title: 'Down Jacket', fill: 'down', hood: false, parka: false, price: 150 },
  downHoody: { title: 'Down Hooded Jacket', fill: 'down', hood: true, parka: false, price: 165 },
  synthetic: { title: 'Insulated Jacket', fill: 'synthetic', hood: false, parka: false, price: 98 },
  syntheticHoody: { title: 'Synthetic Insulated Hoody', fill: 'synthetic', hood: true, parka: false, price: 112 },
  puffer: { title: 'Puffer Jacket', fill: 'synthetic', hood: true, parka: false, price: 88 },
  parka: { title: 'Waterproof Down Parka', fill: 'down', hood: true, parka: true, price: 255 },
} as const;

export const insulatedJackets: CategoryGenerator = (ctx, target) => {
  const { rng } = ctx;
  const drafts: Draft[] = [];
  while (drafts.length < target) {
    const brand = ctx.brand({ Fjellmark: 4, Alpora: 3, Northwind: 3, Tidewater: 1, Brackenfold: 2 });
    const model = ctx.modelName();
    const typeKey = rng.weighted([
      ['down', 3],
      ['downHoody', 3],
      ['synthetic', 2],
      ['syntheticHoody', 2],
      ['puffer', 2],
      ['parka', 2],
    ] as const);
    const type = INSULATED_TYPES[typeKey];
    const down = type.fill === 'down';
    const fillPower = down ? rng.pick([600, 700, 800]) : 0;
    const fillWeight = type.parka ? rng.int(20, 28) * 10 : rng.int(6, 18) * 10;
    const winter = type.parka || fillWeight >= 140;
    const shell = rng.pick(['recycled polyamide', '20D ripstop polyamide', 'recycled polyester']);
    const material = type.parka ? '2-layer waterproof polyester' : shell;
    const fit = rng.pick(['regular', 'relaxed', 'slim'] as const);
    const use = winter
      ? rng.pick(['cold winter days in town and on the trail', 'sub-zero belays, winter hikes and ski-town evenings'])
      : rng.pick([
          'layering under a shell on cold mountain days',
          'camp evenings and shoulder-season trips',
          'chilly autumn walks and travel',
        ]);
    const weightBase =
      Math.round((fillWeight * (down ? 1 : 1.6) + (type.parka ? 650 : 220) + (type.hood ? 40 : 0)) / 10) * 10;
    const price =
      type.price + (fillPower === 800 ? 60 : fillPower === 700 ? 30 : 0) + Math.round(fillWeight / 4) + rng.int(0, 35);
    const colours = ctx.colours(
      ['black', 'navy', 'olive', 'burgundy', 'orange', 'charcoal', 'plum', 'moss', 'teal'],
      2,
      3,
    );
    for (const gender of ctx.genders({ pair: 7, men: 1, women: 1, unisex: 1 }, target - drafts.length)) {
      const weightGrams = genderWeight(weightBase, gender);
      const warmth = winter ? 'warm' : 'light';
      const sentences = [
        `A ${warmth} ${down ? `${fillPower}-fill-power down` : 'synthetic-insulated'} ${type.parka ? 'parka' : 'jacket'} for ${use}.`,
        down
          ? `${fillWeight} g of responsibly sourced duck down sit in a ${material} shell${type.parka ? ' with taped seams' : ' with a water-repellent finish'}${type.hood ? ' and an insulated hood' : ''}.`
          : `${fillWeight} g of recycled polyester insulation keep you warm even when damp, inside a ${material} shell${type.hood ? ' with an insulated hood' : ''}.`,
        `It weighs ${formatWeight(weightGrams)} (${refSize(gender, 'clothing')}); ${CLOTHING_FIT[fit]}.`,
      ];
      if (!type.parka && rng.chance(0.5)) sentences.push('It packs into its own hand pocket.');
      drafts.push({
        ...base('insulated-jackets', brand, model, gender),
        subcategory: type.parka ? 'parkas' : down ? 'down-jackets' : 'synthetic-jackets',
        title: type.title,
        basePriceEur: price,
        attributes: {
          ...common(material, weightGrams, gender, winter ? 'winter' : '3-season', type.parka),
          fill: type.fill,
          ...(down ? { fillPower } : {}),
          fillWeightGrams: fillWeight,
          hood: type.hood,
          fit,
        },
        sentences,
        tags: uniq([
          'insulated jacket',
          'puffer jacket',
          'puffer',
          'padded jacket',
          'warm jacket',
          'jacket',
          ...(down ? ['down jacket', 'down'] : ['synthetic insulation', 'synthetic jacket']),
          ...(winter ? ['winter jacket', 'winter coat'] : ['lightweight', 'midlayer']),
          ...(type.parka ? ['parka', 'waterproof', 'coat'] : []),
          ...(type.hood ? ['hooded', 'hoody', 'hoodie'] : []),
          ...GENDER_TAGS[gender],
        ]),
        shape: 'puffer',
        colours,
        sizes: [...SIZES.clothing[gender as 'men' | 'women' | 'unisex']],
      });
    }
  }
  return drafts;
};

const FLEECE_TYPES = {
  fullZip: {
    title: 'Fleece Jacket',
    zip: 'full',
    hood: false,
    gsm: [200],
    material: 'recycled polyester fleece',
    price: 62,
  },
  halfZip: {
    title: 'Half-Zip Fleece',
    zip: 'half',
    hood: false,
    gsm: [100, 200],
    material: 'polyester microfleece',
    price: 48,
  },
  grid: {
    title: 'Grid Fleece Hoody',
    zip: 'full',
    hood: true,
    gsm: [150, 200],
    material: 'polyester grid fleece',
    price: 78,
  },
  pile: {
    title: 'High-Pile Fleece Jacket',
    zip: 'full',
    hood: false,
    gsm: [300],
    material: 'recycled high-pile polyester fleece',
    price: 92,
  },
  pullover: {
    title: 'Microfleece Pullover',
    zip: 'none',
    hood: false,
    gsm: [100],
    material: 'polyester microfleece',
    price: 38,
  },
} as const;

export const fleeces: CategoryGenerator = (ctx, target) => {
  const { rng } = ctx;
  const drafts: Draft[] = [];
  while (drafts.length < target) {
    const brand = ctx.brand({ Northwind: 3, Tidewater: 3, Fjellmark: 2, Alpora: 2, Brackenfold: 2 });
    const model = ctx.modelName();
    const typeKey = rng.weighted([
      ['fullZip', 3],
      ['halfZip', 3],
      ['grid', 2],
      ['pile', 2],
      ['pullover', 1],
    ] as const);
    const type = FLEECE_TYPES[typeKey];
    const gsm = rng.pick(type.gsm);
    const season: Season = gsm >= 300 ? 'winter' : gsm <= 100 ? 'all-season' : '3-season';
    const fit = rng.pick(['regular', 'relaxed', 'slim'] as const);
    const weightBase = Math.round((gsm * 1.4 + (type.hood ? 40 : 0) + rng.int(0, 6) * 10) / 10) * 10;
    const use = rng.pick([
      'cool evenings at camp and autumn walks',
      'a warm midlayer under a rain jacket',
      'breezy coastal hikes and everyday wear',
      'active days when you need warmth that breathes',
    ]);
    const colours = ctx.colours(
      ['charcoal', 'forestGreen', 'sand', 'navy', 'burgundy', 'stone', 'teal', 'mustard', 'slateBlue'],
      2,
      3,
    );
    const price = type.price + rng.int(0, 30);
    for (const gender of ctx.genders({ pair: 7, men: 1, women: 1, unisex: 2 }, target - drafts.length)) {
      const weightGrams = genderWeight(weightBase, gender);
      const zipText = type.zip === 'full' ? 'full-zip' : type.zip === 'half' ? 'half-zip' : 'crew-neck';
      const sentences = [
        `A ${gsm >= 300 ? 'heavyweight' : gsm >= 200 ? 'midweight' : 'lightweight'} ${gsm} g/m² ${zipText} fleece${type.hood ? ' with a close-fitting hood' : ''} for ${use}.`,
        `Made from ${type.material}${typeKey === 'grid' ? ' whose grid channels move sweat and dry fast' : typeKey === 'pile' ? ' with a soft, lofty pile that traps warm air' : ' that stays warm when damp and dries quickly'}; ${type.zip === 'none' ? 'it has a kangaroo hand pocket' : 'two zipped hand pockets hold gloves and a phone'}.`,
        `It weighs ${formatWeight(weightGrams)} (${refSize(gender, 'clothing')}); ${CLOTHING_FIT[fit]}.`,
      ];
      drafts.push({
        ...base('fleeces', brand, model, gender),
        subcategory: typeKey === 'pile' ? 'pile-fleeces' : typeKey === 'grid' ? 'grid-fleeces' : 'fleece-jackets',
        title: type.title,
        basePriceEur: price,
        attributes: {
          ...common(type.material, weightGrams, gender, season, false),
          fleeceWeightGsm: gsm,
          zip: type.zip,
          hood: type.hood,
          fit,
        },
        sentences,
        tags: uniq([
          'fleece',
          'fleece jacket',
          'midlayer',
          'mid layer',
          'pullover',
          'jumper',
          'sweater',
          ...(type.zip === 'half' ? ['half zip', 'quarter zip', '1/4 zip'] : []),
          ...(type.hood ? ['hoodie', 'hoody', 'hooded fleece'] : []),
          ...(typeKey === 'grid' ? ['grid fleece'] : []),
          ...(typeKey === 'pile' ? ['sherpa', 'teddy fleece', 'pile fleece', 'warm'] : []),
          ...GENDER_TAGS[gender],
        ]),
        shape: 'fleece',
        colours,
        sizes: [...SIZES.clothing[gender as 'men' | 'women' | 'unisex']],
      });
    }
  }
  return drafts;
};

// ---------------------------------------------------------------- base layers, trousers, socks

const BASE_LAYER_TYPES = {
  merinoTee: { title: 'Merino 150 T-Shirt', garment: 'top', sleeve: 'short', gsm: 150, merino: true, price: 52 },
  merinoLong: {
    title: 'Merino 200 Long Sleeve Top',
    garment: 'top',
    sleeve: 'long',
    gsm: 200,
    merino: true,
    price: 68,
  },
  merinoZip: { title: 'Merino 250 Zip-Neck Top', garment: 'top', sleeve: 'long', gsm: 250, merino: true, price: 82 },
  merinoLeggings: {
    title: 'Merino 200 Leggings',
    garment: 'bottom',
    sleeve: 'none',
    gsm: 200,
    merino: true,
    price: 62,
  },
  syntheticTee: {
    title: 'Synthetic Base Layer Tee',
    garment: 'top',
    sleeve: 'short',
    gsm: 130,
    merino: false,
    price: 26,
  },
  thermalTop: { title: 'Thermal Long Sleeve Top', garment: 'top', sleeve: 'long', gsm: 180, merino: false, price: 34 },
  thermalLeggings: { title: 'Thermal Leggings', garment: 'bottom', sleeve: 'none', gsm: 180, merino: false, price: 32 },
} as const;

export const baseLayers: CategoryGenerator = (ctx, target) => {
  const { rng } = ctx;
  const drafts: Draft[] = [];
  while (drafts.length < target) {
    const brand = ctx.brand({ Fjellmark: 3, Northwind: 3, Alpora: 2, Tidewater: 1, Brackenfold: 2 });
    const model = ctx.modelName();
    const typeKey = rng.weighted([
      ['merinoTee', 3],
      ['merinoLong', 3],
      ['merinoZip', 2],
      ['merinoLeggings', 2],
      ['syntheticTee', 2],
      ['thermalTop', 2],
      ['thermalLeggings', 2],
    ] as const);
    const type = BASE_LAYER_TYPES[typeKey];
    const material = type.merino
      ? rng.pick(['merino wool', 'merino wool/Tencel blend', 'merino wool with a polyamide core'])
      : 'recycled polyester';
    const season: Season = type.gsm >= 250 ? 'winter' : type.gsm <= 150 ? 'summer' : 'all-season';
    const weightBase = Math.round((type.gsm * (type.sleeve === 'short' ? 0.85 : 1.15) + rng.int(0, 4) * 10) / 10) * 10;
    const fit = rng.pick(['slim', 'regular'] as const);
    const colours = ctx.colours(
      ['black', 'charcoal', 'navy', 'plum', 'forestGreen', 'slateBlue', 'grey', 'teal'],
      2,
      3,
    );
    const price = type.price + rng.int(0, 20);
    const garmentText =
      type.garment === 'bottom'
        ? 'base layer leggings'
        : type.sleeve === 'short'
          ? 'base layer T-shirt'
          : 'long-sleeve base layer top';
    for (const gender of ctx.genders({ pair: 8, men: 1, women: 1, unisex: 0 }, target - drafts.length)) {
      const weightGrams = genderWeight(weightBase, gender);
      const sentences = [
        `${type.merino ? 'A' : 'An affordable'}${type.garment === 'bottom' ? ' pair of' : ''} ${type.gsm} g/m² ${type.merino ? 'merino ' : ''}${garmentText} for ${season === 'winter' ? 'cold days on skis, snowshoes or winter trails' : season === 'summer' ? 'warm-weather hikes and travel' : 'year-round hiking and layering'}.`,
        type.merino
          ? `The ${material} fabric regulates temperature, resists odour for days and feels soft, not itchy, next to skin.`
          : `The ${material} fabric wicks sweat and dries in minutes, with an anti-odour treatment.`,
        `${type.garment === 'bottom' ? 'They weigh' : 'It weighs'} ${formatWeight(weightGrams)} (${refSize(gender, 'clothing')}) with flatlock seams that will not rub under a pack; ${CLOTHING_FIT[fit]}.`,
      ];
      drafts.push({
        ...base('base-layers', brand, model, gender),
        subcategory: type.garment === 'bottom' ? 'base-layer-bottoms' : 'base-layer-tops',
        title: type.title,
        basePriceEur: price,
        attributes: {
          ...common(material, weightGrams, gender, season, false),
          garment: type.garment,
          sleeve: type.sleeve,
          fabricWeightGsm: type.gsm,
          fit,
        },
        sentences,
        tags: uniq([
          'base layer',
          'baselayer',
          'thermal',
          'thermals',
          'thermal underwear',
          ...(type.merino ? ['merino', 'wool', 'merino wool'] : ['synthetic', 'quick-dry']),
          ...(type.garment === 'bottom' ? ['leggings', 'long johns', 'tights', 'bottoms'] : ['top']),
          ...(type.sleeve === 'short' ? ['t-shirt', 'tee', 'shirt'] : []),
          ...(type.sleeve === 'long' ? ['long sleeve', 'shirt'] : []),
          ...(typeKey === 'merinoZip' ? ['zip neck', 'half zip'] : []),
          ...GENDER_TAGS[gender],
        ]),
        shape: type.garment === 'bottom' ? 'leggings' : 'shirt',
        colours,
        sizes: [...SIZES.clothing[gender as 'men' | 'women' | 'unisex']],
      });
    }
  }
  return drafts;
};

const TROUSER_TYPES = {
  regular: {
    title: 'Hiking Trousers',
    season: '3-season',
    waterproof: false,
    material: 'polyamide/elastane stretch weave',
    price: 72,
  },
  convertible: {
    title: 'Convertible Zip-Off Trousers',
    season: 'summer',
    waterproof: false,
    material: 'lightweight polyamide ripstop',
    price: 64,
  },
  softshell: {
    title: 'Softshell Trousers',
    season: 'all-season',
    waterproof: false,
    material: 'softshell polyamide/elastane',
    price: 98,
  },
  winter: {
    title: 'Winter Hiking Trousers',
    season: 'winter',
    waterproof: false,
    material: 'brushed-back polyamide softshell',
    price: 108,
  },
  rain: {
    title: 'Waterproof Overtrousers',
    season: 'all-season',
    waterproof: true,
    material: '2.5-layer polyamide',
    price: 68,
  },
} as const;

export const hikingTrousers: CategoryGenerator = (ctx, target) => {
  const { rng } = ctx;
  const drafts: Draft[] = [];
  while (drafts.length < target) {
    const brand = ctx.brand({ Northwind: 3, Fjellmark: 3, Alpora: 2, Tidewater: 2, Brackenfold: 2 });
    const model = ctx.modelName();
    const typeKey = rng.weighted([
      ['regular', 4],
      ['convertible', 2],
      ['softshell', 2],
      ['winter', 1],
      ['rain', 2],
    ] as const);
    const type = TROUSER_TYPES[typeKey];
    const fit = rng.pick(['regular', 'slim', 'relaxed'] as const);
    const weightBase =
      { regular: 380, convertible: 340, softshell: 450, winter: 560, rain: 260 }[typeKey] + rng.int(0, 8) * 10;
    const colours =
      typeKey === 'rain'
        ? ctx.colours(['black', 'navy', 'forestGreen'], 1, 2)
        : ctx.colours(['black', 'charcoal', 'olive', 'stone', 'sand', 'navy'], 2, 3);
    const price = type.price + rng.int(0, 30);
    for (const gender of ctx.genders({ pair: 7, men: 1, women: 1, unisex: 1 }, target - drafts.length)) {
      const weightGrams = genderWeight(weightBase, gender);
      const sentences =
        typeKey === 'rain'
          ? [
              'Waterproof overtrousers to pull on over hiking trousers when the rain sets in.',
              `The ${type.material} is rated to 15,000 mm with taped seams, and three-quarter-length side zips let you put them on over boots.`,
              `They weigh ${formatWeight(weightGrams)} (${refSize(gender, 'clothing')}) and pack into a stuff sack; ${CLOTHING_FIT[fit]}.`,
            ]
          : [
              `${typeKey === 'convertible' ? 'Zip-off hiking trousers that turn into shorts' : typeKey === 'winter' ? 'Warm, fleece-backed hiking trousers' : typeKey === 'softshell' ? 'Stretchy, wind-resistant softshell trousers' : 'Durable hiking trousers'} for ${typeKey === 'winter' ? 'snowy walks and cold trail days' : typeKey === 'convertible' ? 'hot days and changeable summer weather' : 'long days on the trail and scrambles'}.`,
              `The ${type.material} fabric has a water-repellent finish that sheds light showers but is not waterproof${typeKey === 'regular' ? ', plus reinforced knees and a zipped thigh pocket' : ''}.`,
              `They weigh ${formatWeight(weightGrams)} (${refSize(gender, 'clothing')}); ${CLOTHING_FIT[fit]}.`,
            ];
      drafts.push({
        ...base('hiking-trousers', brand, model, gender),
        subcategory:
          typeKey === 'rain' ? 'rain-trousers' : typeKey === 'convertible' ? 'convertible-trousers' : 'hiking-trousers',
        title: type.title,
        basePriceEur: price,
        attributes: {
          ...common(type.material, weightGrams, gender, type.season, type.waterproof),
          style: typeKey,
          stretch: typeKey !== 'convertible',
          fit,
        },
        sentences,
        tags: uniq([
          'hiking trousers',
          'hiking pants',
          'walking trousers',
          'trekking trousers',
          'trousers',
          'pants',
          ...(typeKey === 'convertible' ? ['zip-off', 'zip off trousers', 'convertible', 'shorts'] : []),
          ...(typeKey === 'softshell' ? ['softshell', 'softshell pants'] : []),
          ...(typeKey === 'winter' ? ['winter trousers', 'lined trousers', 'warm trousers'] : []),
          ...(typeKey === 'rain'
            ? ['rain trousers', 'rain pants', 'overtrousers', 'waterproof trousers', 'waterproof pants', 'waterproof']
            : []),
          ...GENDER_TAGS[gender],
        ]),
        shape: 'trousers',
        colours,
        sizes: [...SIZES.clothing[gender as 'men' | 'women' | 'unisex']],
      });
    }
  }
  return drafts;
};

const SOCK_TYPES = {
  merinoHiking: {
    title: 'Merino Hiking Sock',
    activity: 'hiking',
    height: 'crew',
    cushioning: 'medium',
    merino: 64,
    price: 22,
  },
  lightHiking: {
    title: 'Lightweight Hiking Sock',
    activity: 'hiking',
    height: 'crew',
    cushioning: 'light',
    merino: 45,
    price: 18,
  },
  running: {
    title: 'Trail Running Sock',
    activity: 'running',
    height: 'ankle',
    cushioning: 'light',
    merino: 0,
    price: 14,
  },
  everyday: {
    title: 'Merino Everyday Crew Sock',
    activity: 'everyday',
    height: 'crew',
    cushioning: 'light',
    merino: 70,
    price: 16,
  },
  expedition: {
    title: 'Expedition Sock',
    activity: 'hiking',
    height: 'crew',
    cushioning: 'heavy',
    merino: 75,
    price: 27,
  },
  ski: { title: 'Merino Ski Sock', activity: 'ski', height: 'knee', cushioning: 'medium', merino: 55, price: 26 },
  liner: { title: 'Liner Sock', activity: 'hiking', height: 'crew', cushioning: 'none', merino: 0, price: 10 },
} as const;

export const socks: CategoryGenerator = (ctx, target) => {
  const { rng } = ctx;
  const drafts: Draft[] = [];
  while (drafts.length < target) {
    const brand = ctx.brand({ Northwind: 3, Fjellmark: 3, Alpora: 1, Tidewater: 1, Brackenfold: 2 });
    const model = ctx.modelName();
    const typeKey = rng.weighted([
      ['merinoHiking', 4],
      ['lightHiking', 2],
      ['running', 2],
      ['everyday', 2],
      ['expedition', 1],
      ['ski', 1],
      ['liner', 1],
    ] as const);
    const type = SOCK_TYPES[typeKey];
    const material = type.merino
      ? `merino wool blend (${type.merino}% merino, ${97 - type.merino}% polyamide, 3% elastane)`
      : 'recycled polyamide/polyester blend with elastane';
    const season: Season =
      typeKey === 'expedition' || typeKey === 'ski' ? 'winter' : typeKey === 'running' ? 'summer' : 'all-season';
    const weightBase =
      { none: 30, light: 55, medium: 75, heavy: 105 }[type.cushioning] +
      (type.height === 'knee' ? 25 : 0) +
      rng.int(0, 2) * 5;
    const colours = ctx.colours(['grey', 'charcoal', 'navy', 'olive', 'burgundy', 'natural', 'orange', 'teal'], 1, 3);
    for (const gender of ctx.genders({ pair: 3, men: 1, women: 1, unisex: 6 }, target - drafts.length)) {
      const sentences = [
        `${type.cushioning === 'none' ? 'A thin' : `A ${type.cushioning}-cushioned`} ${type.height} ${typeKey === 'liner' ? 'liner sock worn under a thicker hiking sock to prevent blisters' : `sock for ${type.activity === 'everyday' ? 'everyday wear, travel and office days' : type.activity === 'ski' ? 'skiing and snowshoeing' : type.activity === 'running' ? 'trail and road running' : 'hiking and trekking'}`}.`,
        type.merino
          ? `Knitted from ${material}, it stays warm when wet and does not hold on to odour.`
          : `Knitted from ${material}, it wicks sweat and dries fast.`,
        `A pair weighs ${formatWeight(weightBase)}, with a seamless toe and an elasticated arch band that stops it slipping inside the shoe or boot.`,
      ];
      drafts.push({
        ...base('socks', brand, model, gender),
        subcategory: `${type.activity}-socks`,
        title: type.title,
        basePriceEur: type.price + rng.int(0, 4),
        attributes: {
          ...common(material, weightBase, gender, season, false),
          activity: type.activity,
          height: type.height,
          cushioning: type.cushioning,
          merinoPercent: type.merino,
        },
        sentences,
        tags: uniq([
          'socks',
          'sock',
          ...(type.activity === 'hiking' ? ['hiking socks', 'walking socks', 'trekking socks'] : []),
          ...(type.activity === 'running' ? ['running socks', 'trail socks'] : []),
          ...(type.activity === 'ski' ? ['ski socks', 'knee socks'] : []),
          ...(type.merino ? ['merino socks', 'wool socks', 'merino'] : ['synthetic']),
          ...(season === 'winter' ? ['warm socks', 'thermal socks'] : []),
          ...(typeKey === 'liner' ? ['liner socks', 'blister'] : []),
          ...GENDER_TAGS[gender],
        ]),
        shape: 'sock',
        colours,
        sizes: [...SIZES.socks[gender as 'men' | 'women' | 'unisex']],
      });
    }
  }
  return drafts;
};

// ---------------------------------------------------------------- gear

const PACK_TYPES = {
  hydration: { title: 'Hydration Pack', litres: [8, 10, 12], price: 45 },
  daypack: { title: 'Daypack', litres: [18, 20, 22, 25], price: 40 },
  hiking: { title: 'Hiking Backpack', litres: [26, 28, 30, 32, 35], price: 58 },
  trekking: { title: 'Trekking Backpack', litres: [40, 45, 50, 55], price: 95 },
  expedition: { title: 'Expedition Backpack', litres: [60, 65, 70, 75], price: 140 },
  travel: { title: 'Travel Backpack', litres: [35, 40, 45], price: 85 },
  rolltop: { title: 'Roll-Top Waterproof Backpack', litres: [20, 25, 30], price: 62 },
} as const;

export const backpacks: CategoryGenerator = (ctx, target) => {
  const { rng } = ctx;
  const drafts: Draft[] = [];
  while (drafts.length < target) {
    const brand = ctx.brand({ Alpora: 4, Northwind: 3, Fjellmark: 2, Tidewater: 2, Brackenfold: 2 });
    const model = ctx.modelName();
    const typeKey = rng.weighted([
      ['hydration', 2],
      ['daypack', 4],
      ['hiking', 5],
      ['trekking', 4],
      ['expedition', 2],
      ['travel', 2],
      ['rolltop', 2],
    ] as const);
    const type = PACK_TYPES[typeKey];
    const litres = rng.pick(type.litres);
    const waterproof = typeKey === 'rolltop';
    const material = waterproof
      ? 'TPU-coated polyester'
      : rng.pick(['recycled 210D polyamide', '420D polyamide ripstop', 'recycled polyester canvas']);
    const backSystem = litres >= 40 ? 'adjustable back length' : rng.pick(['mesh trampoline back', 'padded foam back']);
    const hydrationCompatible = typeKey !== 'travel' && rng.chance(0.8);
    const rainCover = !waterproof && litres >= 26 && rng.chance(0.6);
    const weightGrams = Math.round((280 + litres * 22 + (litres >= 40 ? 350 : 0) + rng.int(0, 10) * 10) / 10) * 10;
    const colours = ctx.colours(['black', 'forestGreen', 'red', 'navy', 'orange', 'grey', 'teal', 'olive'], 2, 3);
    const genders: Gender[] =
      litres >= 40 && typeKey !== 'travel' ? ctx.genders({ pair: 3, unisex: 4 }, target - drafts.length) : ['unisex'];
    for (const gender of genders) {
      const use = {
        hydration: 'trail runs and fast hikes, with room for a 1.5 L reservoir and a jacket',
        daypack: 'day hikes, city days and the commute',
        hiking: 'full-day hikes with lunch, layers and a first-aid kit',
        trekking: 'multi-day hut-to-hut treks and light overnight trips',
        expedition: 'long backpacking trips carrying a tent, stove and food',
        travel: 'travel, opening like a suitcase and fitting airline cabin limits',
        rolltop: 'cycling and wet-weather hikes where everything must stay dry',
      }[typeKey];
      const sentences = [
        `A ${litres}-litre ${typeKey === 'rolltop' ? 'roll-top backpack' : typeKey === 'hydration' ? 'running and hydration pack' : 'backpack'} for ${use}.`,
        `Made from ${material}${waterproof ? ' with welded seams, so the main compartment is fully waterproof' : ' with a water-repellent finish'}; it has ${listJoin(
          [
            `${backSystem.startsWith('adjustable') ? 'an' : 'a'} ${backSystem}`,
            ...(hydrationCompatible ? ['a hydration sleeve'] : []),
            ...(rainCover ? ['an integrated rain cover'] : []),
          ],
        )}.`,
        `It weighs ${formatWeight(weightGrams)}${gender === 'women' ? ', and the women-specific harness has a shorter back length and shaped shoulder straps' : ''}.`,
      ];
      drafts.push({
        ...base('backpacks', brand, model, gender),
        subcategory:
          typeKey === 'hydration'
            ? 'hydration-packs'
            : litres <= 30
              ? 'daypacks'
              : typeKey === 'travel'
                ? 'travel-packs'
                : 'trekking-packs',
        title: `${litres} ${type.title}`,
        basePriceEur: type.price + Math.round(litres * 0.9) + rng.int(0, 25),
        attributes: {
          ...common(material, weightGrams, gender, 'all-season', waterproof),
          capacityLitres: litres,
          backSystem,
          hydrationCompatible,
          rainCover,
        },
        sentences,
        tags: uniq([
          'backpack',
          'rucksack',
          'pack',
          'bag',
          `${litres} litre backpack`,
          `${litres}l`,
          ...(litres <= 30 ? ['daypack', 'day pack'] : []),
          ...(litres >= 40 && typeKey !== 'travel' ? ['trekking backpack', 'backpacking pack', 'hiking backpack'] : []),
          ...(typeKey === 'hiking' ? ['hiking backpack', 'hiking rucksack'] : []),
          ...(typeKey === 'hydration' ? ['hydration pack', 'running vest', 'running backpack'] : []),
          ...(typeKey === 'travel' ? ['travel backpack', 'carry-on', 'cabin bag'] : []),
          ...(waterproof ? ['waterproof backpack', 'dry bag', 'roll-top', 'waterproof'] : []),
          ...(gender === 'women' ? GENDER_TAGS.women : []),
        ]),
        shape: 'backpack',
        colours,
        sizes: [`${litres} L`],
      });
    }
  }
  return drafts;
};

const TENT_TYPES = {
  backpacking: {
    title: 'Backpacking Tent',
    persons: [1, 2, 2],
    structure: 'semi-freestanding dome',
    season: '3-season',
    price: 170,
  },
  dome: { title: 'Dome Tent', persons: [2, 3, 4], structure: 'dome', season: '3-season', price: 110 },
  family: { title: 'Family Tunnel Tent', persons: [4, 5, 6], structure: 'tunnel', season: '3-season', price: 190 },
  mountain: { title: 'Mountain Tent', persons: [2, 3], structure: 'geodesic', season: 'winter', price: 420 },
  festival: { title: 'Pop-Up Tent', persons: [2, 3], structure: 'pop-up', season: 'summer', price: 55 },
} as const;

export const tents: CategoryGenerator = (ctx, target) => {
  const { rng } = ctx;
  const drafts: Draft[] = [];
  while (drafts.length < target) {
    const brand = ctx.brand({ Alpora: 3, Fjellmark: 3, Northwind: 3, Brackenfold: 2 });
    const model = ctx.modelName();
    const typeKey = rng.weighted([
      ['backpacking', 5],
      ['dome', 4],
      ['family', 3],
      ['mountain', 2],
      ['festival', 1],
    ] as const);
    const type = TENT_TYPES[typeKey];
    const persons = rng.pick(type.persons);
    const fly =
      typeKey === 'backpacking' || typeKey === 'mountain'
        ? '20D silicone-coated polyamide'
        : typeKey === 'festival'
          ? '190T polyester'
          : '68D polyester';
    const hydrostaticHeadMm = typeKey === 'festival' ? 2000 : typeKey === 'mountain' ? 5000 : rng.pick([3000, 4000]);
    const weightGrams =
      typeKey === 'backpacking'
        ? 850 + persons * 450 + rng.int(0, 20) * 10
        : typeKey === 'mountain'
          ? 2200 + persons * 500 + rng.int(0, 20) * 10
          : typeKey === 'festival'
            ? 2300 + persons * 400
            : 1600 + persons * 900 + rng.int(0, 30) * 10;
    const doors = persons >= 2 && typeKey !== 'festival' ? 2 : 1;
    const colours = ctx.colours(['orange', 'olive', 'sand', 'forestGreen', 'yellow', 'grey'], 1, 2);
    const sentences = [
      `A ${persons}-person ${type.structure} tent for ${
        {
          backpacking: 'backpacking and bikepacking trips where every gram counts',
          dome: 'weekend camping and hiking trips',
          family: 'family holidays on campsites, with room to stand and a big porch for muddy boots',
          mountain: 'exposed winter camps, strong wind and snow loading',
          festival: 'festivals and summer campsites, pitched in seconds',
        }[typeKey]
      }.`,
      `The ${fly} flysheet is rated to ${thousands(hydrostaticHeadMm)} mm, with ${doors} door${doors > 1 ? 's' : ''} and ${typeKey === 'family' ? 'two bedrooms' : 'a vestibule for packs'}.`,
      `Packed weight ${formatWeight(weightGrams)}${typeKey === 'backpacking' ? `; the inner sleeps ${persons} on standard 51 cm mats` : ''}.`,
    ];
    drafts.push({
      ...base('tents', brand, model, 'unisex'),
      subcategory: typeKey === 'family' ? 'family-tents' : typeKey === 'mountain' ? '4-season-tents' : 'tents',
      title: `${persons} ${type.title}`,
      basePriceEur: type.price + persons * (typeKey === 'family' ? 55 : 45) + rng.int(0, 40),
      attributes: {
        ...common(fly, weightGrams, 'unisex', type.season, true),
        persons,
        doors,
        structure: type.structure,
        hydrostaticHeadMm,
      },
      sentences,
      tags: uniq([
        'tent',
        'camping tent',
        `${persons}-person tent`,
        `${persons} person tent`,
        `${persons} man tent`,
        ...(typeKey === 'backpacking' ? ['backpacking tent', 'lightweight tent', 'hiking tent', 'ultralight'] : []),
        ...(typeKey === 'family' ? ['family tent', 'large tent', 'tunnel tent'] : []),
        ...(typeKey === 'mountain' ? ['4-season tent', 'winter tent', 'mountain tent'] : []),
        ...(typeKey === 'festival' ? ['festival tent', 'pop-up tent', 'pop up'] : []),
        ...(typeKey === 'dome' ? ['dome tent'] : []),
      ]),
      shape: 'tent',
      colours,
      sizes: ['one-size'],
    });
  }
  return drafts;
};

export const sleepingBags: CategoryGenerator = (ctx, target) => {
  const { rng } = ctx;
  const drafts: Draft[] = [];
  while (drafts.length < target) {
    const brand = ctx.brand({ Fjellmark: 3, Alpora: 3, Northwind: 3, Brackenfold: 2 });
    const model = ctx.modelName();
    const comfort = rng.pick([12, 8, 5, 2, 0, -3, -6, -10, -15]);
    const down = rng.chance(comfort <= 0 ? 0.7 : 0.4);
    const shape = comfort >= 5 && !down && rng.chance(0.6) ? 'rectangular' : 'mummy';
    const limit = comfort - rng.int(4, 6);
    const season: Season = comfort >= 10 ? 'summer' : comfort >= 0 ? '3-season' : 'winter';
    const weightBase =
      Math.round(((down ? 480 : 800) + Math.max(0, 14 - comfort) * (down ? 48 : 85) + rng.int(0, 10) * 10) / 10) * 10;
    const fillPower = down ? rng.pick([650, 750, 850]) : 0;
    const material = rng.pick(['20D recycled polyamide', '30D ripstop polyamide', 'polyester taffeta']);
    const colours = ctx.colours(['navy', 'red', 'orange', 'olive', 'plum', 'teal'], 1, 2);
    const rated = comfort > 0 ? `+${comfort}` : `${comfort}`;
    const price = (down ? 130 : 55) + Math.max(0, 12 - comfort) * (down ? 13 : 6) + rng.int(0, 30);
    for (const gender of ctx.genders({ unisex: 5, women: 1 }, target - drafts.length)) {
      const weightGrams = genderWeight(weightBase, gender === 'women' ? 'unisex' : gender);
      const sentences = [
        `A ${shape} sleeping bag with a ${rated} °C comfort rating (limit ${limit} °C) for ${season === 'winter' ? 'winter camping, snow holes and cold mountain huts' : season === 'summer' ? 'summer nights, hostels and festivals' : 'spring to autumn camping and backpacking'}.`,
        down
          ? `It is filled with ${fillPower}-fill-power responsibly sourced down in a ${material} shell, and compresses to the size of a loaf of bread.`
          : `Its hollow-fibre synthetic fill keeps insulating when damp and is easy to wash, inside a ${material} shell.`,
        `It weighs ${formatWeight(weightGrams)} in regular length (for people up to 185 cm); the long size fits up to 200 cm.`,
      ];
      if (gender === 'women')
        sentences.push('The women-specific cut is shorter and has extra insulation at the feet and hips.');
      drafts.push({
        ...base('sleeping-bags', brand, model, gender),
        subcategory: down ? 'down-sleeping-bags' : 'synthetic-sleeping-bags',
        title: `${rated} ${down ? 'Down' : 'Synthetic'} Sleeping Bag`,
        basePriceEur: price,
        attributes: {
          ...common(material, weightGrams, gender, season, false),
          fill: down ? 'down' : 'synthetic',
          ...(down ? { fillPower } : {}),
          tempRatingC: comfort,
          tempLimitC: limit,
          shape,
        },
        sentences,
        tags: uniq([
          'sleeping bag',
          'sleep bag',
          'sleeping bags',
          ...(down ? ['down sleeping bag', 'down'] : ['synthetic sleeping bag']),
          ...(season === 'winter' ? ['winter sleeping bag', '4-season', 'cold weather', 'warm'] : []),
          ...(season === 'summer' ? ['summer sleeping bag', 'lightweight'] : []),
          ...(shape === 'mummy' ? ['mummy bag'] : ['camping sleeping bag', 'rectangular', 'envelope']),
          ...(gender === 'women' ? GENDER_TAGS.women : []),
        ]),
        shape: 'sleeping-bag',
        colours,
        sizes: ['regular', 'long'],
        sizeSurchargeMinor: { long: down ? 2000 : 1500 },
      });
    }
  }
  return drafts;
};

// ---------------------------------------------------------------- accessories

function headlamp(ctx: CategoryContext, brand: Brand, model: string): Draft {
  const { rng } = ctx;
  const lumens = rng.pick([200, 300, 400, 500, 750, 1000]);
  const battery =
    lumens >= 500 ? 'rechargeable USB-C' : rng.pick(['3 × AAA', 'rechargeable USB-C', 'hybrid (USB-C or 3 × AAA)']);
  const ip = rng.pick(['IPX4', 'IPX6', 'IPX7']);
  const waterproof = ip === 'IPX7';
  const weightGrams = 50 + Math.round(lumens / 15) + rng.int(0, 4) * 5;
  const running = rng.chance(0.25);
  return {
    ...base('accessories', brand, model, 'unisex'),
    subcategory: 'headlamps',
    title: `${lumens} ${running ? 'Trail Running Headlamp' : battery.startsWith('rechargeable') ? 'Rechargeable Headlamp' : 'Headlamp'}`,
    basePriceEur: 18 + Math.round(lumens / 16) + rng.int(0, 10),
    attributes: {
      ...common('polycarbonate housing, elastic headband', weightGrams, 'unisex', 'all-season', waterproof),
      lumens,
      batteryType: battery,
      ipRating: ip,
    },
    sentences: [
      `A ${lumens}-lumen headlamp for ${running ? 'night runs, with a bounce-free band' : 'camp, early starts and hut nights'}, with a red light mode that keeps your night vision.`,
      `It runs on ${battery} power and is ${waterproof ? 'IPX7 waterproof, so it survives a dunk in a stream' : `${ip} splash-proof for rain`}.`,
      `It weighs ${weightGrams} g including batteries.`,
    ],
    tags: uniq([
      'headlamp',
      'head lamp',
      'head torch',
      'headtorch',
      'torch',
      'flashlight',
      ...(battery.includes('rechargeable') ? ['rechargeable'] : []),
      ...(running ? ['running headlamp'] : []),
      ...(waterproof ? ['waterproof'] : []),
    ]),
    shape: 'headlamp',
    colours: ctx.colours(['black', 'orange', 'red', 'lime', 'skyBlue'], 1, 3),
    sizes: ['one-size'],
  };
}

function bottle(ctx: CategoryContext, brand: Brand, model: string): Draft {
  const { rng } = ctx;
  const kind = rng.weighted([
    ['insulated', 4],
    ['tritan', 3],
    ['flask', 1],
  ] as const);
  const litres = kind === 'flask' ? 0.5 : rng.pick([0.5, 0.75, 1]);
  const material = {
    insulated: '18/8 stainless steel, double-walled',
    tritan: 'BPA-free Tritan plastic',
    flask: 'TPU',
  }[kind];
  const weightGrams = { insulated: 260 + litres * 180, tritan: 110 + litres * 60, flask: 35 }[kind];
  return {
    ...base('accessories', brand, model, 'unisex'),
    subcategory: 'bottles',
    title: `${{ insulated: 'Insulated Steel Bottle', tritan: 'Water Bottle', flask: 'Soft Flask' }[kind]} ${litres} L`,
    basePriceEur: { insulated: 24, tritan: 12, flask: 16 }[kind] + Math.round(litres * 8) + rng.int(0, 6),
    attributes: {
      ...common(material, Math.round(weightGrams), 'unisex', 'all-season', false),
      capacityLitres: litres,
      insulated: kind === 'insulated',
    },
    sentences: [
      kind === 'insulated'
        ? `A ${litres} L vacuum-insulated bottle that keeps drinks hot for 12 hours or cold for 24, for winter hikes and long days out.`
        : kind === 'tritan'
          ? `A tough ${litres} L water bottle for hiking, the gym and the office.`
          : `A collapsible ${litres} L soft flask for trail running that fits a running vest pocket.`,
      `Made from ${material} with a leak-proof cap; it weighs ${Math.round(weightGrams)} g empty.`,
    ],
    tags: uniq([
      'water bottle',
      'bottle',
      'drinks bottle',
      ...(kind === 'insulated' ? ['insulated bottle', 'thermos', 'flask', 'vacuum flask', 'thermal bottle'] : []),
      ...(kind === 'flask' ? ['soft flask', 'collapsible', 'running'] : []),
      ...(kind === 'tritan' ? ['plastic bottle', 'bpa-free'] : []),
    ]),
    shape: 'bottle',
    colours: ctx.colours(
      kind === 'insulated'
        ? ['silver', 'black', 'teal', 'coral', 'forestGreen']
        : ['skyBlue', 'teal', 'coral', 'black'],
      1,
      3,
    ),
    sizes: [`${litres} L`],
  };
}

const GLOVE_TYPES = {
  liner: {
    title: 'Liner Gloves',
    text: 'thin, stretchy polyester fleece',
    material: 'stretch polyester fleece',
    season: '3-season',
    waterproof: false,
    price: 18,
  },
  softshell: {
    title: 'Softshell Gloves',
    text: 'windproof softshell polyamide with a goat-leather palm',
    material: 'softshell polyamide with a goat-leather palm',
    season: '3-season',
    waterproof: false,
    price: 32,
  },
  insulated: {
    title: 'Insulated Winter Gloves',
    text: 'a polyester shell with 100 g synthetic insulation',
    material: 'polyester shell, synthetic insulation',
    season: 'winter',
    waterproof: false,
    price: 42,
  },
  mountain: {
    title: 'Waterproof Mountain Gloves',
    text: 'a polyamide shell with a waterproof insert and a leather palm',
    material: 'polyamide shell, waterproof insert, leather palm',
    season: 'winter',
    waterproof: true,
    price: 62,
  },
  mittens: {
    title: 'Insulated Mittens',
    text: 'a waterproof polyester shell with lofty synthetic fill',
    material: 'waterproof polyester shell, synthetic fill',
    season: 'winter',
    waterproof: true,
    price: 48,
  },
} as const;

function gloves(ctx: CategoryContext, brand: Brand, model: string, gender: Gender): Draft {
  const { rng } = ctx;
  const typeKey = rng.weighted([
    ['liner', 2],
    ['softshell', 2],
    ['insulated', 2],
    ['mountain', 2],
    ['mittens', 1],
  ] as const);
  const type = GLOVE_TYPES[typeKey];
  const touchscreen = typeKey === 'liner' || typeKey === 'softshell';
  const weightGrams =
    { liner: 45, softshell: 90, insulated: 150, mountain: 190, mittens: 170 }[typeKey] + rng.int(0, 4) * 5;
  return {
    ...base('accessories', brand, model, gender),
    subcategory: 'gloves',
    title: type.title,
    basePriceEur: type.price + rng.int(0, 12),
    attributes: {
      ...common(type.material, weightGrams, gender, type.season, type.waterproof),
      insulated: type.season === 'winter',
      touchscreen,
    },
    sentences: [
      `${typeKey === 'mittens' ? 'Warm mittens' : `${type.title.replace(/ Gloves$/, '')} gloves`} for ${type.season === 'winter' ? 'cold, snowy days, winter hikes and skiing' : 'cool mornings, running and spring hikes'}.`,
      `Made from ${type.text}${type.waterproof ? '; the waterproof insert keeps hands dry in wet snow' : ''}${touchscreen ? ', with touchscreen-compatible fingertips' : ''}.`,
      `A pair weighs ${weightGrams} g (size M).`,
    ],
    tags: uniq([
      'gloves',
      'glove',
      ...(typeKey === 'mittens' ? ['mittens', 'mitts'] : []),
      ...(type.season === 'winter' ? ['winter gloves', 'warm gloves', 'ski gloves'] : []),
      ...(type.waterproof ? ['waterproof gloves', 'waterproof'] : []),
      ...(touchscreen ? ['touchscreen gloves'] : []),
      ...(typeKey === 'liner' ? ['liner gloves', 'thin gloves'] : []),
      ...GENDER_TAGS[gender],
    ]),
    shape: 'glove',
    colours: ctx.colours(['black', 'charcoal', 'red', 'navy'], 1, 2),
    sizes: [...SIZES.gloves[gender as 'men' | 'women' | 'unisex']],
  };
}

function hat(ctx: CategoryContext, brand: Brand, model: string): Draft {
  const { rng } = ctx;
  const kind = rng.weighted([
    ['merinoBeanie', 2],
    ['knitBeanie', 2],
    ['sunHat', 2],
    ['bucket', 1],
  ] as const);
  const beanie = kind === 'merinoBeanie' || kind === 'knitBeanie';
  const material = {
    merinoBeanie: 'merino wool',
    knitBeanie: 'recycled acrylic rib knit with fleece lining',
    sunHat: 'recycled polyester, UPF 50+',
    bucket: 'organic cotton canvas, UPF 40+',
  }[kind];
  const weightGrams = { merinoBeanie: 55, knitBeanie: 80, sunHat: 85, bucket: 70 }[kind] + rng.int(0, 3) * 5;
  return {
    ...base('accessories', brand, model, 'unisex'),
    subcategory: 'hats',
    title: { merinoBeanie: 'Merino Beanie', knitBeanie: 'Rib Knit Beanie', sunHat: 'Sun Hat', bucket: 'Bucket Hat' }[
      kind
    ],
    basePriceEur: { merinoBeanie: 26, knitBeanie: 18, sunHat: 28, bucket: 24 }[kind] + rng.int(0, 8),
    attributes: {
      ...common(material, weightGrams, 'unisex', beanie ? 'winter' : 'summer', false),
      hatType: beanie ? 'beanie' : kind === 'sunHat' ? 'sun hat' : 'bucket hat',
    },
    sentences: beanie
      ? [
          `A warm ${kind === 'merinoBeanie' ? 'merino' : 'rib knit'} beanie for winter walks, skiing and cold mornings at camp.`,
          `Made from ${material}; it weighs ${weightGrams} g and the double-layer turn-up covers your ears.`,
        ]
      : [
          `A ${kind === 'sunHat' ? 'wide-brim sun hat with a neck cord' : 'packable bucket hat'} for summer hiking, beaches and travel.`,
          `Made from ${material}; it weighs ${weightGrams} g and can be squashed into a pocket without losing its shape.`,
        ],
    tags: uniq([
      'hat',
      ...(beanie
        ? ['beanie', 'woolly hat', 'knit hat', 'toque', 'winter hat']
        : ['sun hat', 'sunhat', 'upf', 'summer hat']),
      ...(kind === 'merinoBeanie' ? ['merino'] : []),
      ...(kind === 'sunHat' ? ['wide-brim hat'] : []),
      ...(kind === 'bucket' ? ['bucket hat'] : []),
    ]),
    shape: beanie ? 'beanie' : 'sun-hat',
    colours: ctx.colours(['mustard', 'charcoal', 'red', 'forestGreen', 'sand', 'navy', 'stone'], 1, 3),
    sizes: beanie ? ['one-size'] : ['S/M', 'L/XL'],
  };
}

export const accessories: CategoryGenerator = (ctx, target) => {
  const drafts: Draft[] = [];
  const perKind = Math.ceil(target / 4);
  const brandWeights = { Northwind: 3, Alpora: 2, Fjellmark: 2, Tidewater: 2, Brackenfold: 2 } as const;
  for (let i = 0; i < perKind && drafts.length < target; i++)
    drafts.push(headlamp(ctx, ctx.brand(brandWeights), ctx.modelName()));
  for (let i = 0; i < perKind && drafts.length < target; i++)
    drafts.push(bottle(ctx, ctx.brand(brandWeights), ctx.modelName()));
  for (let i = 0; i < perKind && drafts.length < target; i++) {
    const gender = ctx.rng.weighted([
      ['unisex', 3],
      ['men', 1],
      ['women', 1],
    ] as const);
    drafts.push(gloves(ctx, ctx.brand(brandWeights), ctx.modelName(), gender));
  }
  while (drafts.length < target) drafts.push(hat(ctx, ctx.brand(brandWeights), ctx.modelName()));
  return drafts;
};

// ---------------------------------------------------------------- kids

const KIDS_TYPES = {
  rainBoots: { title: 'Rain Boot', shape: 'rain-boot', footwear: true, waterproof: true, price: 26 },
  hikingBoots: { title: 'Waterproof Hiking Boot', shape: 'boot', footwear: true, waterproof: true, price: 52 },
  trailShoes: { title: 'Trail Shoe', shape: 'shoe', footwear: true, waterproof: false, price: 42 },
  rainJacket: { title: 'Rain Jacket', shape: 'jacket', footwear: false, waterproof: true, price: 38 },
  insulated: { title: 'Insulated Winter Jacket', shape: 'puffer', footwear: false, waterproof: true, price: 62 },
  fleece: { title: 'Fleece Jacket', shape: 'fleece', footwear: false, waterproof: false, price: 28 },
  rainTrousers: { title: 'Rain Trousers', shape: 'trousers', footwear: false, waterproof: true, price: 26 },
} as const;

export const kids: CategoryGenerator = (ctx, target) => {
  const { rng } = ctx;
  const drafts: Draft[] = [];
  const plan = rng.shuffle([
    ...Array<keyof typeof KIDS_TYPES>(6).fill('rainBoots'),
    ...Array<keyof typeof KIDS_TYPES>(4).fill('hikingBoots'),
    ...Array<keyof typeof KIDS_TYPES>(3).fill('trailShoes'),
    ...Array<keyof typeof KIDS_TYPES>(5).fill('rainJacket'),
    ...Array<keyof typeof KIDS_TYPES>(4).fill('insulated'),
    ...Array<keyof typeof KIDS_TYPES>(3).fill('fleece'),
    ...Array<keyof typeof KIDS_TYPES>(2).fill('rainTrousers'),
  ]);
  for (const typeKey of plan.slice(0, target)) {
    const type = KIDS_TYPES[typeKey];
    const brand = ctx.brand({ Tidewater: 3, Northwind: 3, Brackenfold: 3, Fjellmark: 1 });
    const model = ctx.modelName();
    const material = {
      rainBoots: 'natural rubber with a recycled polyester lining',
      hikingBoots: 'suede and polyamide mesh',
      trailShoes: 'recycled polyester mesh',
      rainJacket: '2-layer recycled polyester',
      insulated: 'waterproof polyester with synthetic insulation',
      fleece: 'recycled polyester fleece',
      rainTrousers: 'PU-coated recycled polyester',
    }[typeKey];
    const weightGrams =
      {
        rainBoots: 620,
        hikingBoots: 640,
        trailShoes: 420,
        rainJacket: 220,
        insulated: 480,
        fleece: 230,
        rainTrousers: 180,
      }[typeKey] +
      rng.int(0, 6) * 10;
    const season: Season =
      typeKey === 'insulated'
        ? 'winter'
        : typeKey === 'trailShoes'
          ? 'summer'
          : typeKey === 'fleece'
            ? 'all-season'
            : '3-season';
    const age = type.footwear ? '3–11 years (EU 26–35)' : '2–12 years (98–152 cm)';
    const sentences: string[] = {
      rainBoots: [
        'Puddle-proof rain boots for nursery runs, muddy parks and beach walks.',
        `Made from ${material}, with pull-on handles so children can put them on alone and a grippy, non-marking sole.`,
        `A pair weighs ${weightGrams} g (${refSize('kids', 'footwear')}); they fit true to size, with room for a thick sock.`,
      ],
      hikingBoots: [
        "A waterproof hiking boot for children's first mountain walks and muddy forest trails.",
        `The ${material} upper has a waterproof membrane and a hook-and-loop strap that is easy for small hands.`,
        `A pair weighs ${weightGrams} g (${refSize('kids', 'footwear')}) and fits true to size.`,
      ],
      trailShoes: [
        'Lightweight trail trainers for playgrounds, school trips and easy trails.',
        `The ${material} upper dries fast and the toggle laces never come undone.`,
        `A pair weighs ${weightGrams} g (${refSize('kids', 'footwear')}); not waterproof.`,
      ],
      rainJacket: [
        "A waterproof kids' rain jacket for school, puddles and family hikes.",
        `Made from ${material} rated to 10,000 mm with taped seams, reflective details and a hood that detaches safely if it snags.`,
        `It weighs ${weightGrams} g (${refSize('kids', 'clothing')}) and fits true to size with room for a fleece.`,
      ],
      insulated: [
        'A warm, waterproof winter jacket for snow days, sledging and cold school runs.',
        `Made from ${material}, with taped seams, a fleece-lined collar and a hood with reflective trim.`,
        `It weighs ${weightGrams} g (${refSize('kids', 'clothing')}); the sleeves have a grow-with-me extension.`,
      ],
      fleece: [
        "A cosy kids' fleece jacket for cool days, camping and layering under a rain jacket.",
        `Made from ${material} that washes well and dries quickly, with two zipped hand pockets.`,
        `It weighs ${weightGrams} g (${refSize('kids', 'clothing')}) and fits true to size.`,
      ],
      rainTrousers: [
        'Waterproof rain trousers for puddle jumping, nursery and forest school.',
        `Made from ${material} with taped seams, elastic braces and foot straps that keep them over wellies.`,
        `They weigh ${weightGrams} g (${refSize('kids', 'clothing')}) and fit true to size.`,
      ],
    }[typeKey];
    drafts.push({
      ...base('kids', brand, model, 'kids'),
      subcategory: {
        rainBoots: 'kids-rain-boots',
        hikingBoots: 'kids-hiking-boots',
        trailShoes: 'kids-trail-shoes',
        rainJacket: 'kids-rain-jackets',
        insulated: 'kids-insulated-jackets',
        fleece: 'kids-fleeces',
        rainTrousers: 'kids-rain-trousers',
      }[typeKey],
      title: type.title,
      basePriceEur: type.price + rng.int(0, 18),
      attributes: { ...common(material, weightGrams, 'kids', season, type.waterproof), ageRange: age },
      sentences,
      tags: uniq([
        ...GENDER_TAGS.kids,
        ...{
          rainBoots: [
            'rain boots',
            'wellies',
            'wellington boots',
            'wellingtons',
            'rubber boots',
            'puddle boots',
            'waterproof',
          ],
          hikingBoots: ['hiking boots', 'walking boots', 'waterproof boots', 'boots', 'waterproof'],
          trailShoes: ['trainers', 'sneakers', 'running shoes', 'trail shoes'],
          rainJacket: ['rain jacket', 'raincoat', 'waterproof jacket', 'jacket', 'waterproof'],
          insulated: [
            'winter jacket',
            'winter coat',
            'puffer',
            'insulated jacket',
            'warm jacket',
            'jacket',
            'waterproof',
          ],
          fleece: ['fleece', 'fleece jacket', 'jacket'],
          rainTrousers: ['rain trousers', 'rain pants', 'waterproof trousers', 'overtrousers', 'waterproof'],
        }[typeKey],
      ]),
      shape: type.shape,
      colours: ctx.colours(['yellow', 'red', 'pink', 'lime', 'skyBlue', 'navy', 'orange'], 2, 3),
      sizes: type.footwear ? [...SIZES.kidsFootwear] : [...SIZES.kidsClothing],
    });
  }
  return drafts;
};

export const CATEGORY_PLAN: readonly { id: CategoryId; target: number; generate: CategoryGenerator }[] = [
  { id: 'hiking-boots', target: 34, generate: hikingBoots },
  { id: 'trail-running-shoes', target: 28, generate: trailRunningShoes },
  { id: 'rain-jackets', target: 30, generate: rainJackets },
  { id: 'insulated-jackets', target: 26, generate: insulatedJackets },
  { id: 'fleeces', target: 24, generate: fleeces },
  { id: 'base-layers', target: 26, generate: baseLayers },
  { id: 'hiking-trousers', target: 26, generate: hikingTrousers },
  { id: 'socks', target: 22, generate: socks },
  { id: 'backpacks', target: 26, generate: backpacks },
  { id: 'tents', target: 18, generate: tents },
  { id: 'sleeping-bags', target: 18, generate: sleepingBags },
  { id: 'accessories', target: 32, generate: accessories },
  { id: 'kids', target: 27, generate: kids },
];
