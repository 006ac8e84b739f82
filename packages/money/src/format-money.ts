/** A currency's formatter and its minor-unit exponent, made once: `resolvedOptions()` allocates per call. */
interface CurrencyFormat {
  formatter: Intl.NumberFormat;
  minorPerMajor: number;
  /**
   * Amounts already formatted: a shop shows the same few thousand prices over and over, and `format` costs
   * microseconds each (a search result formats dozens). Cleared when full, so odd amounts cannot grow it.
   */
  formatted: Map<number, string>;
}

const FORMATTED_AMOUNTS_LIMIT = 10_000;

const formats = new Map<string, CurrencyFormat>();

/** `12995, 'EUR'` → `€129.95`: what a customer reads, from exact integer minor units. */
export function formatMoney(minor: number, currency: string): string {
  let format = formats.get(currency);
  if (!format) {
    // en-IE: an English euro locale, so amounts read "€129.95" as customers of a euro shop expect.
    const formatter = new Intl.NumberFormat('en-IE', { style: 'currency', currency });
    const minorPerMajor = 10 ** (formatter.resolvedOptions().maximumFractionDigits ?? 2);
    format = { formatter, minorPerMajor, formatted: new Map() };
    formats.set(currency, format);
  }
  let text = format.formatted.get(minor);
  if (text === undefined) {
    text = format.formatter.format(minor / format.minorPerMajor);
    if (format.formatted.size >= FORMATTED_AMOUNTS_LIMIT) format.formatted.clear();
    format.formatted.set(minor, text);
  }
  return text;
}
