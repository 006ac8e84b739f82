import { describe, expect, it } from 'vitest';
import { formatDay } from '../src/orders/format-day.ts';

describe('formatDay', () => {
  it('writes the UTC day as en-GB does, for Dates and ISO strings', () => {
    const intl = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    for (const iso of ['2026-12-05T08:48Z', '2026-01-01T00:00Z', '2024-02-29T23:59:59Z', '2027-07-31T12:00Z']) {
      expect(formatDay(iso)).toBe(intl.format(new Date(iso)));
      expect(formatDay(new Date(iso))).toBe(intl.format(new Date(iso)));
    }
    expect(formatDay('2026-12-05T23:30:00-01:00')).toBe('6 December 2026');
  });

  it('refuses what is not a date instead of writing NaN', () => {
    expect(() => formatDay('not a date')).toThrow(RangeError);
  });
});
