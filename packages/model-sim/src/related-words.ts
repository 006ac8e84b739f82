import { stem } from './word-stems.ts';

/**
 * How customers say things that tool descriptions say otherwise: "talk to a person" means contacting
 * customer service, "it leaks" is a warranty matter, a "parcel" is a shipment. Small on purpose: a
 * demo model's hint list, not a thesaurus. Keys and values are plain words; they are stemmed on load.
 */
const RELATED: Record<string, readonly string[]> = {
  person: ['contact', 'human', 'support', 'service'],
  human: ['contact', 'support'],
  someone: ['contact', 'support'],
  agent: ['contact', 'support'],
  talk: ['contact'],
  speak: ['contact'],
  call: ['contact', 'phone'],
  phone: ['contact'],
  email: ['contact'],
  parcel: ['package', 'shipment', 'delivery'],
  package: ['parcel', 'shipment'],
  arrive: ['delivery'],
  leak: ['warranty', 'defective'],
  broken: ['warranty', 'defective', 'repair'],
  faulty: ['warranty', 'defective'],
  damaged: ['warranty', 'defective'],
  covered: ['warranty'],
  guarantee: ['warranty'],
  exchange: ['return'],
  refund: ['return'],
  cost: ['price', 'shipping'],
  cheap: ['price'],
  available: ['stock', 'availability'],
  bought: ['order'],
  purchase: ['order'],
};

const BY_STEM = new Map<string, string[]>(
  Object.entries(RELATED).map(([word, others]) => [stem(word), others.map((other) => stem(other))]),
);

/** Stems related to a stem (not including itself). */
export function relatedWords(wordStem: string): readonly string[] {
  return BY_STEM.get(wordStem) ?? [];
}
