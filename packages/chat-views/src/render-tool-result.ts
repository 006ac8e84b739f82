import { h } from './h.ts';
import { safeUrl } from './render-markdown.ts';
import { TOOL_RESULT_STRINGS as STRINGS } from './tool-result-strings.ts';

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (v && typeof v === 'object' ? (v as Rec) : {});
const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const list = (v: unknown): Rec[] => (Array.isArray(v) ? v.map(rec) : []);

/**
 * Rich views of a tool's `structuredContent`, recognised by shape rather than tool name so that a new
 * tool returning the same shape gets the same view: products, shipment tracking, help articles.
 * Returns null when the shape is unknown (the model's text then carries the answer).
 */
export function renderToolResult(output: unknown): HTMLElement | null {
  const out = rec(output);
  const results = list(out.results);
  if (results[0]?.price && results[0]?.name) return products(results);
  if (Array.isArray(out.shipments)) return shipments(out);
  if (results[0]?.url && results[0]?.title) return articles(results);
  return null;
}

function products(items: Rec[]): HTMLElement {
  return h(
    'ul',
    { class: 'cards', role: 'list' },
    ...items.slice(0, 6).map((p) => {
      const avail = rec(p.availability);
      const requested = rec(avail.requested);
      const status = text(requested.status) || text(avail.status);
      const href = safeUrl(text(p.product_url));
      const picture = safeUrl(text(p.picture_url));
      const rating = typeof p.rating === 'number' ? p.rating : undefined;
      return h(
        'li',
        { class: 'card' },
        picture && h('img', { src: picture, alt: text(p.name), loading: 'lazy', width: '96', height: '96' }),
        h(
          'div',
          { class: 'card-body' },
          h(
            'p',
            { class: 'card-title' },
            href ? h('a', { href, target: '_blank', rel: 'noopener' }, text(p.name)) : text(p.name),
          ),
          h('p', { class: 'price' }, text(rec(p.price).formatted)),
          rating !== undefined &&
            h(
              'p',
              { class: 'rating' },
              h('span', { 'aria-hidden': 'true' }, '★'.repeat(Math.round(rating))),
              ' ',
              STRINGS.rating(rating, Number(p.review_count) || 0),
            ),
          h(
            'p',
            { class: `stock stock-${status.replace(/[^a-z_]/g, '')}` },
            text(requested.label) || text(avail.label),
          ),
        ),
      );
    }),
  );
}

function shipments(order: Rec): HTMLElement {
  return h(
    'section',
    { class: 'order' },
    h('p', { class: 'card-title' }, STRINGS.order(text(order.order_number)), ' — ', text(order.status_label)),
    ...list(order.shipments).map((s) => {
      const track = safeUrl(text(s.tracking_url));
      const delivered = text(s.delivered_at);
      return h(
        'div',
        { class: 'shipment' },
        h('p', {}, `${text(s.carrier)} · ${text(s.status_label)}`),
        h('p', {}, delivered ? STRINGS.delivered(day(delivered)) : STRINGS.expected(day(text(s.estimated_delivery)))),
        h(
          'ol',
          { class: 'timeline' },
          ...list(s.events).map((e) =>
            h(
              'li',
              {},
              h('time', { datetime: text(e.at) }, day(text(e.at))),
              ` ${text(e.description)}`,
              text(e.location) ? ` — ${text(e.location)}` : '',
            ),
          ),
        ),
        track && h('a', { href: track, target: '_blank', rel: 'noopener' }, STRINGS.track),
      );
    }),
  );
}

function articles(items: Rec[]): HTMLElement {
  return h(
    'nav',
    { class: 'articles', 'aria-label': STRINGS.helpArticles },
    h(
      'ul',
      {},
      ...items.slice(0, 3).map((a) => {
        const href = safeUrl(text(a.url));
        const title = text(a.title);
        return h(
          'li',
          {},
          href ? h('a', { href, target: '_blank', rel: 'noopener' }, title) : title,
          h('p', { class: 'snippet' }, plain(text(a.snippet))),
        );
      }),
    ),
  );
}

/** Search snippets carry `<mark>` highlighting: parsed in an inert document, kept as plain text only. */
function plain(html: string): string {
  return new DOMParser().parseFromString(html, 'text/html').body.textContent ?? '';
}

function day(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
}
