const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/**
 * `2026-12-05T08:48Z` → `5 December 2026`: unambiguous for customers everywhere (no 05/12 vs 12/05). The
 * day in UTC, as `Intl.DateTimeFormat('en-GB', { timeZone: 'UTC' })` writes it, built by hand: every
 * `get_order` answer formats a date or three, and Intl's formatter was a sixtieth of the call's CPU.
 */
export function formatDay(date: Date | string): string {
  const day = typeof date === 'string' ? new Date(date) : date;
  if (Number.isNaN(day.getTime())) throw new RangeError(`formatDay: not a date: ${String(date).slice(0, 40)}`);
  return `${day.getUTCDate()} ${MONTHS[day.getUTCMonth()]} ${day.getUTCFullYear()}`;
}
