/**
 * One set of words customers use for the same thing. Every phrase of `same` stands for every other, at
 * full weight less a little (see `SYNONYM_WEIGHT`); `broader` phrases are added one way, at a lower weight,
 * so "hardshell" also finds other rain jackets, just after the hardshells, while "rain jacket" does not
 * prefer hardshells.
 */
export interface SynonymSet {
  same: readonly string[];
  broader?: readonly string[];
}

/**
 * The shop's vocabulary: British, American and everyday names for the gear it sells. General language,
 * not tuned to any query: a new entry belongs here when customers say it and the catalogue's own words
 * (names, tags, descriptions) do not. Phrases are matched on stems, so plurals need no entry of their own.
 */
export const SHOP_SYNONYMS: readonly SynonymSet[] = [
  // Jackets and coats
  {
    same: ['rain jacket', 'raincoat', 'rain coat', 'waterproof jacket', 'waterproof coat', 'rain shell', 'cagoule'],
    broader: ['shell jacket'],
  },
  { same: ['hardshell', 'hard shell', 'hardshell jacket'], broader: ['rain jacket', 'shell jacket'] },
  { same: ['anorak', 'mac', 'windcheater'], broader: ['rain jacket'] },
  {
    same: ['puffer', 'puffer jacket', 'puffy', 'padded jacket', 'insulated jacket', 'quilted jacket'],
    broader: ['winter jacket', 'down jacket'],
  },
  { same: ['down jacket', 'down coat', 'duvet jacket'], broader: ['insulated jacket'] },
  { same: ['winter jacket', 'winter coat', 'warm jacket', 'warm coat'], broader: ['insulated jacket'] },
  { same: ['parka'], broader: ['winter coat'] },
  { same: ['fleece', 'fleecy', 'fleece jacket', 'midlayer', 'mid layer'] },
  { same: ['jumper', 'sweater', 'pullover'], broader: ['fleece'] },
  { same: ['hoodie', 'hoody', 'hooded'] },
  { same: ['half zip', 'quarter zip', 'zip neck'] },
  // Footwear
  { same: ['hiking boots', 'walking boots', 'trekking boots', 'hillwalking boots', 'mountain boots'] },
  {
    same: ['trainers', 'sneakers', 'running shoes', 'trail running shoes', 'runners', 'running trainers'],
    broader: ['trail shoes'],
  },
  { same: ['trail shoes', 'trail runners', 'off road running shoes'], broader: ['trail running shoes'] },
  {
    same: ['wellies', 'wellingtons', 'wellington boots', 'rain boots', 'rubber boots', 'gumboots', 'puddle boots'],
  },
  // Legwear and base layers
  { same: ['trousers', 'pants'] },
  { same: ['hiking trousers', 'hiking pants', 'walking trousers', 'trekking trousers', 'trekking pants'] },
  { same: ['zip off', 'zip off trousers', 'convertible trousers', 'convertible pants'] },
  {
    same: ['waterproof trousers', 'rain trousers', 'overtrousers', 'over trousers', 'rain pants', 'waterproof pants'],
  },
  { same: ['base layer', 'baselayer', 'thermals', 'thermal underwear', 'thermal base layer'] },
  { same: ['long johns', 'leggings', 'tights', 'thermal bottoms'] },
  { same: ['t shirt', 'tshirt', 'tee', 'short sleeve top', 'short sleeve'] },
  // Packs and camping
  { same: ['backpack', 'rucksack', 'knapsack', 'pack'] },
  { same: ['daypack', 'day pack', 'day bag', 'small backpack'] },
  { same: ['trekking', 'backpacking', 'multi day'] },
  { same: ['sleeping bag', 'sleep bag', 'sleeping sack'] },
  { same: ['tent', 'shelter'] },
  { same: ['person', 'people', 'persons'] },
  { same: ['litres', 'liters', 'litre', 'liter', 'l'] },
  // Accessories
  { same: ['headlamp', 'head lamp', 'head torch', 'headtorch', 'headlight'], broader: ['torch'] },
  { same: ['thermos', 'flask', 'vacuum flask', 'insulated bottle', 'vacuum bottle'] },
  { same: ['water bottle', 'drinks bottle', 'drink bottle'] },
  { same: ['beanie', 'woolly hat', 'wooly hat', 'knit hat', 'bobble hat', 'toque'] },
  { same: ['sun hat', 'sunhat', 'brimmed hat'], broader: ['bucket hat'] },
  { same: ['gloves', 'mittens', 'mitts'] },
  // Who it is for
  { same: ['kids', 'children', 'child', 'junior', 'boys', 'girls', 'youth', 'toddler'] },
  { same: ['women', 'ladies', 'lady', 'woman', 'female', 'womens'] },
  { same: ['men', 'man', 'gents', 'male', 'mens'] },
  // Materials and properties
  { same: ['merino', 'merino wool'], broader: ['wool'] },
  { same: ['waterproof', 'water resistant', 'rainproof'] },
  { same: ['lightweight', 'ultralight', 'light weight', 'packable'] },
];
