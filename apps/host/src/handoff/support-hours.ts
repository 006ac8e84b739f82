import { ConfigError } from '@shopchat/mcp-service';

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** When people answer chats: days of the week and a daily window, in one time zone. */
export interface SupportHours {
  /** Day numbers (0 = Sunday) people work. */
  days: ReadonlySet<number>;
  /** Minutes after midnight: from (inclusive) to (exclusive). */
  from: number;
  to: number;
  timeZone: string;
}

const FORMAT = /^(?:([a-z]{3})(?:-([a-z]{3}))?\s+)?(\d{2}):(\d{2})-(\d{2}):(\d{2})(?:\s+(\S+))?$/i;

/**
 * `SUPPORT_HOURS`: `Mon-Fri 09:00-17:00 Europe/Berlin` (days and zone optional: every day, UTC). Unset:
 * always within hours (whether anyone is signed in still decides).
 */
export function parseSupportHours(value: string | undefined): SupportHours | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const match = FORMAT.exec(value.trim());
  const fail = (why: string) =>
    new ConfigError(
      'SUPPORT_HOURS',
      `${why}; write it as "Mon-Fri 09:00-17:00 Europe/Berlin" (days and zone optional)`,
    );
  if (!match) throw fail(`cannot read "${value}"`);
  const [, first, last, fh, fm, th, tm, zone] = match;
  const day = (name: string | undefined) => DAYS.indexOf((name ?? '').toLowerCase() as (typeof DAYS)[number]);
  const start = first ? day(first) : 0;
  const end = first ? (last ? day(last) : start) : 6;
  if (start < 0 || end < 0) throw fail('days are mon, tue, wed, thu, fri, sat, sun');
  const days = new Set<number>();
  for (let d = start; ; d = (d + 1) % 7) {
    days.add(d);
    if (d === end) break;
  }
  const from = Number(fh) * 60 + Number(fm);
  const to = Number(th) * 60 + Number(tm);
  if (from >= to || to > 24 * 60 || Number(fm) > 59 || Number(tm) > 59)
    throw fail('the window must be HH:MM-HH:MM, from before to');
  const timeZone = zone ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw fail(`unknown time zone "${timeZone}"`);
  }
  return { days, from, to, timeZone };
}

/** Whether `at` (epoch ms) is within the hours; always true without hours. */
export function withinSupportHours(hours: SupportHours | undefined, at: number): boolean {
  if (!hours) return true;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: hours.timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = DAYS.indexOf(part('weekday').toLowerCase() as (typeof DAYS)[number]);
  const minutes = Number(part('hour')) * 60 + Number(part('minute'));
  return hours.days.has(day) && minutes >= hours.from && minutes < hours.to;
}
