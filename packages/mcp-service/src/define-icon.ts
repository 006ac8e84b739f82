import type { Icon } from '@modelcontextprotocol/server';

/** An icon as MCP 2025-11-25 announces it beside a server's or a tool's name. */
export type McpIcon = Icon;

/**
 * Icons travel in every `initialize`/`discover` answer and every `tools/list`: an inline SVG over this
 * many characters belongs at a URL instead.
 */
export const MAX_ICON_SOURCE_LENGTH = 2048;

const SVG_DATA_URI = 'data:image/svg+xml,';

/**
 * A small inline SVG as an MCP icon (`data:image/svg+xml,…`, percent-encoded): no extra request, no host to
 * serve it from. Draw it on a 24×24 view box in `currentColor`, so clients can tint it.
 */
export function svgIcon(svg: string): McpIcon {
  return checkIcon(
    { src: `${SVG_DATA_URI}${encodeURIComponent(svg.trim())}`, mimeType: 'image/svg+xml', sizes: ['any'] },
    'svgIcon()',
  );
}

/** The stroke of {@link lineIcon}: a mid grey that reads on light and dark backgrounds alike. */
const LINE_ICON_STROKE = '#6b7280';

/**
 * A 24×24 line icon from SVG shapes (`<path d="…"/>`, `<circle …/>`), drawn with a 2 px round stroke: the
 * house style of every tool and server icon, so a definition states only what its icon shows.
 */
export function lineIcon(shapes: string): McpIcon {
  return svgIcon(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="${LINE_ICON_STROKE}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${shapes}</svg>`,
  );
}

/**
 * Refuses, at startup, an icon a careful client would refuse to show: only inline SVG and `https:` URLs,
 * and nothing large (see {@link MAX_ICON_SOURCE_LENGTH}). `owner` names the server or tool in the message.
 */
export function checkIcon(icon: McpIcon, owner: string): McpIcon {
  const { src } = icon;
  if (src.length > MAX_ICON_SOURCE_LENGTH) {
    throw new TypeError(
      `${owner}: an icon's src is ${src.length} characters; keep it under ${MAX_ICON_SOURCE_LENGTH} or serve it at an https URL.`,
    );
  }
  if (!src.startsWith(SVG_DATA_URI) && !src.startsWith('data:image/svg+xml;') && !src.startsWith('https://')) {
    throw new TypeError(`${owner}: an icon's src must be inline SVG (data:image/svg+xml) or an https URL.`);
  }
  return Object.freeze({ ...icon, ...(icon.sizes ? { sizes: Object.freeze([...icon.sizes]) as string[] } : {}) });
}
