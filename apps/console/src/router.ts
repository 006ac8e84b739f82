import { h } from '@shopchat/chat-views';
import { ConsoleApiError } from './console-api.ts';
import { staffSession } from './staff-session.ts';

/** What a page gets: its path parameters, the query of its URL, and a signal aborted when it is left. */
export interface PageContext {
  params: Record<string, string>;
  query: URLSearchParams;
  signal: AbortSignal;
  /** Goes to another page of the console (`/conversations?status=closed`). */
  navigate(to: string): void;
}

/** One page of the console: one file under `pages/`, listed in `pages/index.ts`. */
export interface Page {
  /** `/conversations/:id`: literal segments and `:name` parameters. */
  path: string;
  title: string;
  /** Label in the navigation bar; pages without one are reached by links. */
  nav?: string;
  /** Shown without a staff token (the sign-in page only). */
  public?: boolean;
  render(ctx: PageContext): Promise<Node> | Node;
}

/** A location in the console: the part of the URL after `#`. */
export const href = (path: string, query?: URLSearchParams): string => {
  const q = query?.toString();
  return `#${path}${q ? `?${q}` : ''}`;
};

/**
 * A small hash router: `#/conversations?status=closed`. The hash keeps every page on the one static
 * `index.html` the host serves, and a reload or a copied link opens the same page with the same filters.
 * On each navigation the page's `<h1>` gets the focus, so a screen reader announces where the user is.
 */
export function startRouter(pages: readonly Page[], main: HTMLElement, nav: HTMLElement): void {
  let leaving = new AbortController();
  const navigate = (to: string) => {
    location.hash = to.startsWith('#') ? to : `#${to}`;
  };

  const show = async () => {
    leaving.abort();
    leaving = new AbortController();
    const signal = leaving.signal;
    const [path = '/', search = ''] = location.hash.replace(/^#/, '').split('?');
    const found = match(pages, path) ?? match(pages, '/conversations');
    if (!found) return;
    const [page, params] = found;
    if (!page.public && !staffSession.token()) {
      navigate(`/sign-in?${new URLSearchParams({ next: location.hash.slice(1) || '/conversations' })}`);
      return;
    }
    document.title = `${page.title} · Support console`;
    renderNav(pages, nav, page);
    main.setAttribute('aria-busy', 'true');
    let view: Node;
    try {
      view = await page.render({ params, query: new URLSearchParams(search), signal, navigate });
    } catch (error) {
      if (signal.aborted) return;
      if (error instanceof ConsoleApiError && error.signedOut) {
        staffSession.signOut();
        navigate(`/sign-in?${new URLSearchParams({ reason: error.message, next: location.hash.slice(1) })}`);
        return;
      }
      view = h(
        'section',
        {},
        h('h1', { tabindex: '-1' }, page.title),
        h('p', { class: 'error', role: 'alert' }, error instanceof Error ? error.message : String(error)),
      );
    }
    if (signal.aborted) return;
    main.replaceChildren(view);
    main.removeAttribute('aria-busy');
    main.querySelector<HTMLElement>('h1')?.focus();
  };
  window.addEventListener('hashchange', () => void show());
  void show();
}

function match(pages: readonly Page[], path: string): [Page, Record<string, string>] | undefined {
  const segments = path.split('/').filter(Boolean);
  for (const page of pages) {
    const pattern = page.path.split('/').filter(Boolean);
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const ok = pattern.every((part, i) => {
      const segment = segments[i] ?? '';
      if (part.startsWith(':')) {
        params[part.slice(1)] = decodeURIComponent(segment);
        return true;
      }
      return part === segment;
    });
    if (ok) return [page, params];
  }
  return undefined;
}

function renderNav(pages: readonly Page[], nav: HTMLElement, current: Page): void {
  const claims = staffSession.claims();
  nav.hidden = current.public === true || !claims;
  if (nav.hidden) return;
  const signOut = h('button', { type: 'button', class: 'link' }, 'Sign out');
  signOut.addEventListener('click', () => {
    staffSession.signOut();
    location.hash = '#/sign-in';
  });
  nav.replaceChildren(
    h(
      'ul',
      {},
      ...pages
        .filter((page) => page.nav)
        .map((page) =>
          h(
            'li',
            {},
            h('a', { href: href(page.path), ...(page === current ? { 'aria-current': 'page' } : {}) }, page.nav ?? ''),
          ),
        ),
    ),
    h('p', { class: 'who' }, `${claims?.staffId} (${claims?.role})`, ' ', signOut),
  );
}
