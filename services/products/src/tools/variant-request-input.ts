import { z } from 'zod';

/** A size as customers and models write it; letters, digits and a few separators only. */
export const sizeInput = z
  .string()
  .min(1)
  .max(20)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ./-]*$/u, 'A size is letters and digits, like "44", "M", "XL" or "one-size".')
  .describe(
    'Size as the customer says it: EU shoe size ("44"), clothing size ("XS"–"XXL", or "medium"), kids\' height ("122/128"), or "one-size", "regular"/"long" (sleeping bags), "28 L" (packs).',
  );

/** A colour name, as customers write it. */
export const colourInput = z
  .string()
  .min(2)
  .max(30)
  .regex(/^\p{L}[\p{L} -]*$/u, 'A colour is a word or two, like "red" or "forest green".')
  .describe('Colour, e.g. "red", "navy", "forest green"; one word also matches colours containing it ("green").');
