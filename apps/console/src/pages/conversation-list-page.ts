import { h } from '@shopchat/chat-views';
import type { ConversationStatus, ConversationSummary } from '@shopchat/host/console-schemas';
import { consoleApi } from '../console-api.ts';
import { formatInstant, formatRating } from '../format.ts';
import { href, type Page } from '../router.ts';

/** The filters the list keeps in its URL, as the API names them. */
const FILTERS = ['q', 'customer', 'status', 'from', 'to'] as const;
const STATUS_LABELS: Record<ConversationStatus, string> = {
  bot: 'With the assistant',
  waiting: 'Waiting for an agent',
  with_agent: 'With an agent',
  closed: 'Closed',
};

/** Every conversation on record, newest activity first, with search and filters; pages by the API's cursor. */
export const conversationListPage: Page = {
  path: '/conversations',
  title: 'Conversations',
  nav: 'Conversations',
  async render({ query, signal, navigate }) {
    const list = await consoleApi.conversations(apiQuery(query), signal);
    const form = filterForm(query, navigate);
    const table =
      list.conversations.length === 0
        ? h('p', { class: 'empty' }, 'No conversation matches these filters.')
        : h(
            'table',
            { class: 'conversations' },
            h('caption', { class: 'sr' }, 'Conversations, newest activity first'),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ...['Started', 'Customer', 'Last activity', 'Status', 'Turns', 'Tools used', 'Rating'].map((name) =>
                  h('th', { scope: 'col' }, name),
                ),
              ),
            ),
            h('tbody', {}, ...list.conversations.map(row)),
          );
    const pages = h('nav', { class: 'pages', 'aria-label': 'Pages' });
    if (query.get('cursor')) pages.append(h('a', { href: href('/conversations', filtersOf(query)) }, 'Newest'));
    if (list.nextCursor) {
      const next = filtersOf(query);
      next.set('cursor', list.nextCursor);
      pages.append(h('a', { href: href('/conversations', next), rel: 'next' }, 'Older conversations'));
    }
    return h('section', {}, h('h1', { tabindex: '-1' }, 'Conversations'), form, table, pages);
  },
};

function row(c: ConversationSummary): HTMLElement {
  return h(
    'tr',
    {},
    h('td', {}, h('a', { href: href(`/conversations/${encodeURIComponent(c.id)}`) }, formatInstant(c.startedAt))),
    h('td', {}, c.customerId ?? 'Anonymous visitor'),
    h('td', {}, formatInstant(c.lastActivityAt)),
    h('td', {}, h('span', { class: `status status-${c.status}` }, STATUS_LABELS[c.status])),
    h('td', { class: 'num' }, String(c.turns)),
    h('td', {}, c.toolsUsed.join(', ') || '—'),
    h('td', {}, formatRating(c.rating)),
  );
}

/** The URL's filters (and cursor), in the API's terms: dates become the start of that UTC day. */
function apiQuery(query: URLSearchParams): URLSearchParams {
  const api = filtersOf(query);
  for (const bound of ['from', 'to'] as const) {
    const day = api.get(bound);
    if (day) api.set(bound, `${day}T00:00:00Z`);
  }
  const cursor = query.get('cursor');
  if (cursor) api.set('cursor', cursor);
  return api;
}

function filtersOf(query: URLSearchParams): URLSearchParams {
  const kept = new URLSearchParams();
  for (const name of FILTERS) {
    const value = query.get(name)?.trim();
    if (value) kept.set(name, value);
  }
  return kept;
}

function filterForm(query: URLSearchParams, navigate: (to: string) => void): HTMLFormElement {
  const field = (name: string, label: string, control: HTMLElement) =>
    h('div', { class: 'field' }, h('label', { for: `filter-${name}` }, label), control);
  const input = (name: string, type: string) =>
    h('input', { id: `filter-${name}`, name, type, value: query.get(name) ?? '' });
  const status = h(
    'select',
    { id: 'filter-status', name: 'status' },
    h('option', { value: '' }, 'Any'),
    ...(Object.keys(STATUS_LABELS) as ConversationStatus[]).map((s) =>
      h('option', { value: s, ...(query.get('status') === s ? { selected: '' } : {}) }, STATUS_LABELS[s]),
    ),
  );
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter conversations' },
    field('q', 'Words in the messages', input('q', 'search')),
    field('customer', 'Customer id', input('customer', 'text')),
    field('status', 'Status', status),
    field('from', 'Active from (UTC day)', input('from', 'date')),
    field('to', 'Active before (UTC day)', input('to', 'date')),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Search')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = new URLSearchParams();
    for (const [name, value] of new FormData(form)) if (typeof value === 'string') values.set(name, value);
    navigate(href('/conversations', filtersOf(values)));
  });
  return form;
}
