import { describe, expect, it } from 'vitest';
import { formatMoney, money, moneyOutput } from '../src/index.ts';

describe('formatMoney', () => {
  it('reads exact minor units as a customer of a euro shop expects', () => {
    expect(formatMoney(12995, 'EUR')).toBe('€129.95');
    expect(formatMoney(0, 'EUR')).toBe('€0.00');
    expect(formatMoney(123456789, 'EUR')).toBe('€1,234,567.89');
  });

  it("uses each currency's own minor unit", () => {
    expect(formatMoney(1500, 'JPY')).toMatch(/¥1,500$/);
    expect(formatMoney(1999, 'GBP')).toBe('£19.99');
    expect(formatMoney(1000, 'KWD')).toMatch(/1\.000$/);
  });

  it('answers a repeated amount from its own currency, never from another one already formatted', () => {
    expect(formatMoney(1999, 'EUR')).toBe('€19.99');
    expect(formatMoney(1999, 'GBP')).toBe('£19.99');
    expect(formatMoney(1999, 'EUR')).toBe('€19.99');
  });
});

describe('money', () => {
  it('keeps the exact amount beside the string to show, in the shape tools declare', () => {
    const amount = money(15990, 'EUR');
    expect(amount).toEqual({ amount_minor: 15990, currency: 'EUR', formatted: '€159.90' });
    expect(moneyOutput.parse(amount)).toEqual(amount);
  });

  it('describes every field for the model reading the output schema', () => {
    for (const [field, schema] of Object.entries(moneyOutput.shape)) expect(schema.description, field).toBeTruthy();
  });
});
