import { headingAnchor } from './heading-anchor.ts';
import { markdownToPlainText } from './markdown-to-plain-text.ts';
import type { SearchDocument } from './search-document.ts';

/** One searchable part of a document: the lead before the first heading, or one section. */
export interface Passage {
  /** The document's id (for help-center articles, the article slug). */
  docId: string;
  /** The section heading; `null` for the lead text before the first heading. */
  heading: string | null;
  /** URL fragment of the section (`#anchor` without the `#`); `null` for the lead. */
  anchor: string | null;
  /** The passage as plain text: what is indexed and what snippets are cut from. */
  text: string;
}

/** ATX headings (`#` to `######`); the optional closing hashes are not part of the heading. */
const ATX_HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(```|~~~)/;

/**
 * Splits a document into passages, so that a long article is found by the section that answers the
 * question and the hit can link straight to it. When the document brings its own `sections` they are
 * used as they are and `text` is the lead; otherwise `text` is split at Markdown ATX headings, ignoring
 * `#` lines inside fenced code blocks. Every heading level starts a new passage: help-center sections
 * are short, and a smaller passage makes a more precise snippet and link. Empty passages are dropped,
 * but a document always yields at least one passage, so its title stays findable.
 */
export function splitPassages(doc: SearchDocument): Passage[] {
  const passages: Passage[] = [];
  const taken = new Set<string>();
  const push = (heading: string | null, anchor: string | null, body: string) => {
    const text = markdownToPlainText(body);
    if (text !== '' || heading !== null) passages.push({ docId: doc.id, heading, anchor, text });
  };
  if (doc.sections !== undefined) {
    push(null, null, doc.text);
    for (const section of doc.sections) {
      const anchor = section.anchor ?? headingAnchor(section.heading, taken);
      taken.add(anchor);
      push(section.heading, anchor, section.text);
    }
  } else {
    let heading: string | null = null;
    let anchor: string | null = null;
    let lines: string[] = [];
    let fenced = false;
    for (const line of doc.text.split(/\r?\n/)) {
      if (FENCE.test(line)) fenced = !fenced;
      const match = fenced ? null : ATX_HEADING.exec(line);
      if (match === null) {
        lines.push(line);
        continue;
      }
      push(heading, anchor, lines.join('\n'));
      heading = markdownToPlainText(match[2] ?? '');
      anchor = headingAnchor(heading, taken);
      lines = [];
    }
    push(heading, anchor, lines.join('\n'));
  }
  if (passages.length === 0) passages.push({ docId: doc.id, heading: null, anchor: null, text: '' });
  return passages;
}
