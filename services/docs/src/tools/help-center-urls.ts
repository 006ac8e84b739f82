/** Where customers read an article on the shop's site: `${base}/${slug}#${anchor}`. */
export function articleUrl(base: string, slug: string, anchor?: string | null): string {
  return `${base.replace(/\/+$/, '')}/${encodeURIComponent(slug)}${anchor ? `#${encodeURIComponent(anchor)}` : ''}`;
}
