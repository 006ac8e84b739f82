/** How the console writes dates, durations and money: one place, so every page agrees. */
const dateTime = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

/** `3 Dec 2026, 12:14 UTC`: staff in several time zones read the same time. */
export const formatInstant = (iso: string): string => `${dateTime.format(new Date(iso))} UTC`;

export const formatUsd = (usd: number): string => `$${usd.toFixed(usd !== 0 && Math.abs(usd) < 0.01 ? 4 : 2)}`;

export const formatMs = (ms: number | null): string => (ms === null ? '—' : `${Math.round(ms)} ms`);

export const formatPercent = (rate: number): string => `${(rate * 100).toFixed(1)} %`;

export const formatRating = (rating: number | null): string => (rating === null ? 'not rated' : `${rating} / 5`);
