const DAY_FORMAT = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** `2026-12-05T08:48Z` → `5 December 2026`: unambiguous for customers everywhere (no 05/12 vs 12/05). */
export function formatDay(date: Date | string): string {
  return DAY_FORMAT.format(typeof date === 'string' ? new Date(date) : date);
}
