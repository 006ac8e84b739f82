/** Spellings that mean the same colour. */
const COLOUR_SPELLINGS: Record<string, string> = { gray: 'grey', 'navy blue': 'navy' };

/**
 * A colour as compared with the catalogue's: lower case, single spaces, British spelling. A one-word
 * colour also matches catalogue colours containing that word ("green" matches "Forest Green").
 */
export function normalizeColour(input: string): string {
  const colour = input.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
  return COLOUR_SPELLINGS[colour] ?? colour;
}
