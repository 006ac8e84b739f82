import { z } from 'zod';
import { formatMoney } from './format-money.ts';

/**
 * An amount as tools return it: exact minor units for arithmetic, plus the formatted string a widget or
 * a model shows as is (so nobody divides by 100 in the wrong place).
 */
export const moneyOutput = z.object({
  amount_minor: z.number().int().describe('Amount in minor units (cents): 12995 is 129.95.'),
  currency: z.string().length(3).describe('ISO 4217 currency code, e.g. "EUR".'),
  formatted: z.string().describe('Ready to show, e.g. "€129.95".'),
});

export type MoneyOutput = z.infer<typeof moneyOutput>;

/** The output form of an amount. */
export function money(amountMinor: number, currency: string): MoneyOutput {
  return { amount_minor: amountMinor, currency, formatted: formatMoney(amountMinor, currency) };
}
