/**
 * A deliberately small Markdown renderer for model output. It never parses HTML: it builds DOM nodes
 * with `createElement` and `textContent`, so `<script>`, event handlers and raw HTML can only ever
 * appear as text. Supported: paragraphs, `#`–`###` headings, `-`/`*`/`1.` lists, fenced code,
 * `**bold**`, `*italic*`, `` `code` ``, `[links](https://…)` and bare https URLs. Links are kept only
 * for `https:`, `http:` and `mailto:`; anything else (`javascript:`, `data:`, …) is shown as its text.
 * (`marked` + `DOMPurify` would be ~25 KB gzipped and sanitise after the fact; this allow-list is
 * safe by construction.)
 */
export function renderMarkdown(source: string, doc: Document = document): DocumentFragment {
  const out = doc.createDocumentFragment();
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  let list: HTMLElement | undefined;
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) out.append(block(doc, 'p', paragraph.join('\n')));
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.startsWith('```')) {
      flush();
      list = undefined;
      const code: string[] = [];
      for (i++; i < lines.length && !(lines[i] ?? '').startsWith('```'); i++) code.push(lines[i] ?? '');
      const pre = doc.createElement('pre');
      const el = doc.createElement('code');
      el.textContent = code.join('\n');
      pre.append(el);
      out.append(pre);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const item = /^\s*(?:([-*+])|(\d+)[.)])\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      list = undefined;
      out.append(block(doc, `h${Math.min(heading[1]?.length ?? 1, 3) + 2}`, heading[2] ?? ''));
    } else if (item) {
      flush();
      const tag = item[1] ? 'ul' : 'ol';
      if (!list || list.tagName.toLowerCase() !== tag) {
        list = doc.createElement(tag);
        out.append(list);
      }
      list.append(block(doc, 'li', item[3] ?? ''));
    } else if (line.trim() === '') {
      flush();
      list = undefined;
    } else {
      list = undefined;
      paragraph.push(line);
    }
  }
  flush();
  return out;
}

function block(doc: Document, tag: string, text: string): HTMLElement {
  const el = doc.createElement(tag);
  el.append(renderInline(text, doc));
  return el;
}

const INLINE =
  /(\*\*([^*]+)\*\*|__([^_]+)__|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)|\*([^*\s][^*]*)\*|(https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"]))/;

/** Inline Markdown to nodes; text stays text. */
export function renderInline(text: string, doc: Document = document): DocumentFragment {
  const out = doc.createDocumentFragment();
  let rest = text;
  for (let guard = 0; rest && guard < 10_000; guard++) {
    const m = INLINE.exec(rest);
    if (!m) break;
    if (m.index > 0) out.append(withBreaks(doc, rest.slice(0, m.index)));
    rest = rest.slice(m.index + m[0].length);
    if (m[2] !== undefined || m[3] !== undefined) {
      const el = doc.createElement('strong');
      el.append(renderInline(m[2] ?? m[3] ?? '', doc));
      out.append(el);
    } else if (m[4] !== undefined) {
      const el = doc.createElement('code');
      el.textContent = m[4];
      out.append(el);
    } else if (m[5] !== undefined) {
      const href = safeUrl(m[6] ?? '');
      if (href) out.append(link(doc, href, renderInline(m[5], doc)));
      else out.append(withBreaks(doc, m[5]));
    } else if (m[7] !== undefined) {
      const el = doc.createElement('em');
      el.append(renderInline(m[7], doc));
      out.append(el);
    } else if (m[8] !== undefined) {
      const href = safeUrl(m[8]);
      out.append(href ? link(doc, href, doc.createTextNode(m[8])) : doc.createTextNode(m[8]));
    }
  }
  if (rest) out.append(withBreaks(doc, rest));
  return out;
}

/** The URL if it is absolute and `https:`, `http:` or `mailto:`; otherwise undefined. */
export function safeUrl(raw: string): string | undefined {
  try {
    const url = new URL(raw);
    return ['https:', 'http:', 'mailto:'].includes(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function link(doc: Document, href: string, content: Node): HTMLAnchorElement {
  const a = doc.createElement('a');
  a.href = href;
  a.target = '_blank';
  a.rel = 'noopener noreferrer nofollow';
  a.append(content);
  return a;
}

function withBreaks(doc: Document, text: string): DocumentFragment {
  const out = doc.createDocumentFragment();
  text.split('\n').forEach((piece, i) => {
    if (i > 0) out.append(doc.createElement('br'));
    out.append(doc.createTextNode(piece));
  });
  return out;
}
