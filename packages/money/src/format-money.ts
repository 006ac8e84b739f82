const formatters = new Map<string, Intl.NumberFormat>();

/** `12995, 'EUR'` → `€129.95`: what a customer reads, from exact integer minor units. */
export function formatMoney(minor: number, currency: string): string {
  let formatter = formatters.get(currency);
  if (!formatter) {
    // en-IE: an English euro locale, so amounts read "€129.95" as customers of a euro shop expect.
    formatter = new Intl.NumberFormat('en-IE', { style: 'currency', currency });
    formatters.set(currency, formatter);
  }
  const digits = formatter.resolvedOptions().maximumFractionDigits ?? 2;
  return formatter.format(minor / 10 ** digits);
}
