import { z } from 'zod';

/**
 * An order number as a customer types it: `A-1042`, `a1042`. Validated by pattern only (no transform),
 * so the schema converts to JSON Schema; `normalizeOrderNumber` turns it into the stored form.
 */
export const orderNumberInput = z
  .string()
  .min(4)
  .max(8)
  .regex(/^[A-Za-z]-?\d{3,6}$/, 'An order number is a letter and 3–6 digits, like A-1042.')
  .describe('The order number the customer quotes, like "A-1042" (a letter, a dash, then digits).');

/** `a1042` → `A-1042`: the one form order numbers are stored in. */
export function normalizeOrderNumber(input: string): string {
  const letter = input.slice(0, 1).toUpperCase();
  const digits = input.slice(1).replace(/^-/, '');
  return `${letter}-${digits}`;
}
