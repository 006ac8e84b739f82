import { h } from '@shopchat/chat-views';
import type { ConsoleMetrics } from '@shopchat/host/console-schemas';
import { chartFigure } from '../chart.ts';
import { consoleApi } from '../console-api.ts';
import { formatMs, formatPercent, formatUsd } from '../format.ts';
import type { Page } from '../router.ts';

const DAY_MS = 86_400_000;
const WEEK_DAYS = 7;

/**
 * The last seven UTC days (today included): the week's figures and per-day charts. The API's `days`
 * series has conversations, resolution and CSAT per day; latency, tokens and cost per conversation come
 * from one call per day (seven small aggregate queries).
 */
export const metricsPage: Page = {
  path: '/metrics',
  title: 'Metrics',
  nav: 'Metrics',
  async render({ signal }) {
    const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
    const days = Array.from({ length: WEEK_DAYS }, (_, i) => today - (WEEK_DAYS - 1 - i) * DAY_MS);
    const iso = (ms: number) => new Date(ms).toISOString();
    const [week, ...daily] = await Promise.all([
      consoleApi.metrics({ from: iso(days[0] ?? today), to: iso(today + DAY_MS) }, signal),
      ...days.map((day) => consoleApi.metrics({ from: iso(day), to: iso(day + DAY_MS) }, signal)),
    ]);
    if (!week) throw new Error('The metrics API gave no answer.');
    const labels = days.map((day) => iso(day).slice(5, 10));
    const perDay = (pick: (m: ConsoleMetrics) => number | null) => daily.map((m) => (m.conversations ? pick(m) : null));
    const byDay = new Map(week.days.map((d) => [d.day.slice(0, 10), d]));
    const weekDay = (ms: number) => byDay.get(iso(ms).slice(0, 10));
    return h(
      'section',
      {},
      h('h1', { tabindex: '-1' }, 'Metrics'),
      h('p', { class: 'muted' }, `The last ${WEEK_DAYS} days (UTC), ${labels[0]} to ${labels.at(-1)}.`),
      h(
        'ul',
        { class: 'figures', 'aria-label': 'This week' },
        figure('Conversations', String(week.conversations)),
        figure('Resolved by the assistant', formatPercent(week.resolvedByBot.rate)),
        figure('Handed off', String(week.handedOff)),
        figure('CSAT', week.csat.average === null ? '—' : `${week.csat.average.toFixed(2)} / 5 (${week.csat.count})`),
        figure('Time to first token p50 / p95', `${formatMs(week.ttftMs.p50)} / ${formatMs(week.ttftMs.p95)}`),
        figure('Tokens per conversation', String(Math.round(week.perConversation.tokens))),
        figure('Cost per conversation', formatUsd(week.perConversation.costUsd)),
      ),
      h(
        'div',
        { class: 'charts' },
        chartFigure({
          title: 'Resolved by the assistant',
          type: 'line',
          labels,
          series: [{ label: 'Resolution rate', data: days.map((d) => weekDay(d)?.rate ?? null) }],
          format: formatPercent,
          yMax: 1,
        }),
        chartFigure({
          title: 'Conversations per day',
          type: 'bar',
          labels,
          series: [{ label: 'Conversations', data: days.map((d) => weekDay(d)?.conversations ?? 0) }],
          format: String,
        }),
        chartFigure({
          title: 'Customer satisfaction (CSAT)',
          type: 'line',
          labels,
          series: [{ label: 'Average rating', data: days.map((d) => weekDay(d)?.csatAverage ?? null) }],
          format: (v) => `${v.toFixed(2)} / 5`,
          yMax: 5,
        }),
        chartFigure({
          title: 'Tool error rate by tool',
          type: 'bar',
          labels: week.toolErrorRate.map((t) => `${t.server}/${t.tool}`),
          series: [{ label: 'Error rate', data: week.toolErrorRate.map((t) => t.rate) }],
          format: formatPercent,
          yMax: 1,
        }),
        chartFigure({
          title: 'Time to first token',
          type: 'line',
          labels,
          series: [
            { label: 'p50', data: perDay((m) => m.ttftMs.p50) },
            { label: 'p95', data: perDay((m) => m.ttftMs.p95) },
          ],
          format: formatMs,
        }),
        chartFigure({
          title: 'Tokens per conversation',
          type: 'bar',
          labels,
          series: [{ label: 'Tokens', data: perDay((m) => m.perConversation.tokens) }],
          format: (v) => String(Math.round(v)),
        }),
        chartFigure({
          title: 'Cost per conversation',
          type: 'bar',
          labels,
          series: [{ label: 'Cost (USD)', data: perDay((m) => m.perConversation.costUsd) }],
          format: formatUsd,
        }),
      ),
    );
  },
};

function figure(label: string, value: string): HTMLElement {
  return h('li', {}, h('strong', {}, value), label);
}
