/** An icon's `src` longer than this is not shown: the kit keeps real icons far smaller. */
const MAX_ICON_SRC_LENGTH = 4096;

/**
 * The `src` of a tool icon the widget may show, or `undefined`. Icons come from MCP servers through the
 * host, so they are checked like any outside content: only inline SVG (an `<img>` never runs its scripts)
 * and `https:` or same-origin URLs; never `javascript:`, other `data:` types or plain `http:` elsewhere.
 */
export function safeIconSrc(src: unknown, pageOrigin: string): string | undefined {
  if (typeof src !== 'string' || src.length > MAX_ICON_SRC_LENGTH) return undefined;
  if (/^data:image\/svg\+xml[,;]/i.test(src)) return src;
  let url: URL;
  try {
    url = new URL(src, pageOrigin);
  } catch {
    return undefined;
  }
  return url.protocol === 'https:' || url.origin === pageOrigin ? url.href : undefined;
}

/** Tool name → the first safe icon of each tool in a `GET /api/tools` body; anything unexpected is skipped. */
export function toolIconsOf(body: unknown, pageOrigin: string): Map<string, string> {
  const icons = new Map<string, string>();
  const tools = (body as { tools?: unknown } | null)?.tools;
  if (!Array.isArray(tools)) return icons;
  for (const tool of tools as { name?: unknown; icons?: unknown }[]) {
    if (typeof tool?.name !== 'string' || !Array.isArray(tool.icons)) continue;
    for (const icon of tool.icons as { src?: unknown }[]) {
      const src = safeIconSrc(icon?.src, pageOrigin);
      if (src) {
        icons.set(tool.name, src);
        break;
      }
    }
  }
  return icons;
}
