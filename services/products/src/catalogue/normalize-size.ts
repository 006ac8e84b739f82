/** Size words customers use, mapped to the catalogue's labels. */
const SIZE_WORDS: Record<string, string> = {
  'EXTRA SMALL': 'XS',
  'X-SMALL': 'XS',
  'X SMALL': 'XS',
  SMALL: 'S',
  MEDIUM: 'M',
  MED: 'M',
  LARGE: 'L',
  'EXTRA LARGE': 'XL',
  'X-LARGE': 'XL',
  'X LARGE': 'XL',
  'XX-LARGE': 'XXL',
  'XX LARGE': 'XXL',
  '2XL': 'XXL',
  'ONE SIZE': 'ONE-SIZE',
  ONESIZE: 'ONE-SIZE',
};

/**
 * A size as a customer or a model writes it, in the form sizes are compared in (upper case): "medium" →
 * "M", "EU 44" → "44", "size 9"-style prefixes dropped, "28l" → "28 L". Compared with `upper(size)`.
 */
export function normalizeSize(input: string): string {
  const size = input
    .normalize('NFKC')
    .trim()
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .replace(/^(SIZE|EU|EUR) ?/, '');
  const litres = /^(\d+(?:[.,]\d+)?) ?(L|LITRES?|LITERS?)$/.exec(size);
  if (litres?.[1]) return `${litres[1].replace(',', '.')} L`;
  return SIZE_WORDS[size] ?? size;
}
