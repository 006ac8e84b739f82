/**
 * Two-word names of materials that are not what their second word says: "synthetic leather" is not
 * leather, "faux fur" is not fur. Each is joined into one word before indexing and querying, so a search
 * for leather boots does not find synthetic ones, and "synthetic leather" still finds them.
 */
const LOOK_ALIKES: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['synthetic', new Set(['leather', 'suede', 'down', 'fur'])],
  ['faux', new Set(['leather', 'suede', 'down', 'fur'])],
  ['vegan', new Set(['leather', 'suede'])],
  ['imitation', new Set(['leather', 'suede', 'fur'])],
]);

/** `["synthetic", "leather", "boot"]` → `["syntheticleather", "boot"]`. */
export function joinLookAlikes(words: readonly string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const next = words[i + 1];
    if (next !== undefined && LOOK_ALIKES.get(word)?.has(next)) {
      joined.push(`${word}${next}`);
      i++;
    } else {
      joined.push(word);
    }
  }
  return joined;
}
