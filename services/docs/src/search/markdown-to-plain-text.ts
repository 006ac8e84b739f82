/**
 * Reduces Markdown to the words a reader sees, so that neither ranking nor snippets are polluted by
 * syntax: link targets and image URLs are dropped (their words are not the article's words), emphasis
 * and code markers, list bullets, quote markers and inline HTML tags are removed. Line breaks are kept.
 *
 * Deliberately conservative: it never needs to render, only to not index noise. Heading lines are not
 * expected here; {@link splitPassages} has already taken them out.
 */
export function markdownToPlainText(markdown: string): string {
  return markdown
    .replace(/^(?:```|~~~).*$/gm, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/^\s*\[[^\]]+\]:\s+\S+.*$/gm, '')
    .replace(/<https?:\/\/[^>]+>/g, '')
    .replace(/<\/?[a-zA-Z][^>]*>/g, '')
    .replace(/^\s{0,3}>\s?/gm, '')
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+/gm, '')
    .replace(/^\s*(?:[-*_]\s*){3,}$/gm, '')
    .replace(/(\*\*|__|\*|_|`|~~)(?=\S)([^\n]*?\S)\1/g, '$2')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
