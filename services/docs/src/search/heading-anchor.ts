/**
 * The URL fragment a Markdown renderer gives a heading, GitHub style: lowercase, punctuation dropped,
 * spaces turned into hyphens ("Returns & refunds" → "returns--refunds"). A heading that repeats in the
 * same article gets "-1", "-2", … as renderers do, so every passage links to its own place.
 *
 * `taken` holds the anchors already used in the article and is updated.
 */
export function headingAnchor(heading: string, taken: Set<string>): string {
  const base =
    heading
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-') || 'section';
  let anchor = base;
  for (let n = 1; taken.has(anchor); n += 1) anchor = `${base}-${n}`;
  taken.add(anchor);
  return anchor;
}
