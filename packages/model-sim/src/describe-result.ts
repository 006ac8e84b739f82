import { humanizeName } from './offline-marker.ts';
import { parseJsonParts } from './parse-json-parts.ts';
import type { ToolCallRecord } from './read-conversation.ts';

/** Fields that name a record, best first. */
const LABEL_KEYS = ['title', 'name', 'product_name', 'order_number', 'rma', 'label', 'slug', 'sku', 'id'];
/** Fields worth quoting, in the order they are told; the first present key of each group is used. */
const FACT_GROUPS: ReadonlyArray<{ keys: readonly string[]; label?: string }> = [
  { keys: ['status_label', 'status', 'order_status'], label: 'status' },
  { keys: ['outcome'] },
  { keys: ['rma'], label: 'return number' },
  { keys: ['carrier', 'label_carrier'], label: 'carrier' },
  { keys: ['estimated_delivery', 'expected_delivery', 'eta'], label: 'expected delivery' },
  { keys: ['delivered_at'], label: 'delivered' },
  { keys: ['placed_at', 'created_at'], label: 'placed' },
  { keys: ['items_summary'], label: 'items' },
  { keys: ['total', 'price', 'amount', 'refund'] },
  { keys: ['rating', 'average_rating'], label: 'rating' },
  { keys: ['in_stock', 'available'], label: 'in stock' },
  { keys: ['availability', 'stock_status'], label: 'availability' },
  { keys: ['stock'], label: 'units in stock' },
  { keys: ['size'] },
  { keys: ['colour', 'color'] },
  { keys: ['open'], label: 'open' },
  { keys: ['ends_at'], label: 'until' },
  { keys: ['summary'] },
  { keys: ['ship_back_by'], label: 'ship back by' },
  { keys: ['label_code'], label: 'drop-off code' },
  { keys: ['heading'], label: 'section' },
  { keys: ['snippet', 'excerpt', 'answer'] },
  { keys: ['tracking_url', 'product_url', 'url', 'link', 'href'], label: 'link' },
];
const FACT_KEYS = new Set(FACT_GROUPS.flatMap((group) => group.keys));
const MAX_LIST_ITEMS = 5;
const MAX_VALUE_CHARS = 200;
const MAX_QUOTE_CHARS = 300;

/**
 * A tool result in a few lines of plain text that quote its key fields: for an order its number, status,
 * carrier, expected delivery and tracking link; for a product list names with formatted prices; for
 * articles titles with links. A result that is not JSON is quoted; an error says so and quotes the error.
 */
export function describeResult(call: ToolCallRecord): string {
  const title = capitalise(humanizeName(call.name));
  const result = call.result;
  if (!result) return `${title}: no result came back.`;
  if (result.isError) return `${title} did not work: “${quote(errorText(result.texts))}”`;
  const documents = parseJsonParts(result.texts);
  const document = documents[0];
  if (document === undefined) {
    const text = result.texts.join(' ').trim();
    return text ? `${title}: “${quote(text)}”` : `${title}: the result was empty.`;
  }
  return `${title}: ${describeDocument(document)}`;
}

function describeDocument(document: unknown): string {
  if (Array.isArray(document)) return describeList(document);
  if (document === null || typeof document !== 'object') return formatValue(document) ?? 'nothing.';
  const record = document as Record<string, unknown>;
  if (!hasLabel(record)) {
    // `{ product: {…}, in_stock: true, … }`: the named record is the subject, the rest describes it.
    const subject = Object.entries(record).find(([, value]) => isRecord(value) && hasLabel(value));
    if (subject && isRecord(subject[1])) {
      const { [subject[0]]: _subject, ...rest } = record;
      return `${describeRecord({ ...rest, ...subject[1] })}.`;
    }
    const list = Object.values(record).find((value) => Array.isArray(value) && value.some(isRecord));
    if (Array.isArray(list)) return describeList(list);
    const empty = Object.entries(record).find(([, value]) => Array.isArray(value) && value.length === 0);
    if (empty) return `no ${humanizeName(empty[0])} found.`;
  }
  return `${describeRecord(record)}.`;
}

function describeList(items: unknown[]): string {
  const records = items.filter(isRecord);
  if (records.length === 0)
    return items.length === 0 ? 'nothing found.' : `${items.slice(0, MAX_LIST_ITEMS).map(String).join(', ')}.`;
  const lines = records.slice(0, MAX_LIST_ITEMS).map((record) => `\n- ${describeRecord(record)}`);
  const more = records.length > MAX_LIST_ITEMS ? `\n(and ${records.length - MAX_LIST_ITEMS} more)` : '';
  return `${records.length} found:${lines.join('')}${more}`;
}

function describeRecord(record: Record<string, unknown>, depth = 0): string {
  const labelKey = LABEL_KEYS.find((key) => typeof record[key] === 'string' || typeof record[key] === 'number');
  const label = labelKey ? String(record[labelKey]) : undefined;
  const facts: string[] = [];
  for (const group of FACT_GROUPS) {
    const key = group.keys.find((candidate) => candidate !== labelKey && formatValue(record[candidate]) !== undefined);
    // A record named by its status label ("Only 2 left") needs no status code beside it.
    if (!key || (labelKey === 'label' && key === 'status')) continue;
    const value = formatValue(record[key]) ?? '';
    facts.push(key === 'snippet' || key === 'excerpt' ? `“${value}”` : `${group.label ?? humanizeName(key)} ${value}`);
  }
  if (depth === 0) {
    for (const [key, value] of Object.entries(record)) {
      if (FACT_KEYS.has(key)) continue;
      const nested = describeNested(key, value, depth);
      if (nested) facts.push(nested);
    }
  }
  const body = facts.slice(0, 10).join('; ');
  if (label && body) return `${label} (${body})`;
  return label ?? body;
}

/** Arrays and objects inside a record: item names, the first parcel's facts, the latest scan, steps. */
function describeNested(key: string, value: unknown, depth: number): string | undefined {
  const name = humanizeName(key);
  if (Array.isArray(value) && value.length > 0) {
    const records = value.filter(isRecord);
    if (records.length === 0) {
      return value.every((item) => typeof item === 'string') ? `${name}: ${value.slice(0, 4).join(' ')}` : undefined;
    }
    const first = records[0] as Record<string, unknown>;
    if (LABEL_KEYS.slice(0, 4).some((labelKey) => typeof first[labelKey] === 'string')) {
      return `${name}: ${records
        .slice(0, 4)
        .map((item) => describeItemName(item))
        .join(', ')}`;
    }
    return `${singular(name)}: ${describeRecord(first, depth + 1)}${latestEvent(first)}`;
  }
  if (isRecord(value) && !isMoney(value)) {
    const event = describeEvent(value);
    if (event) return `${name}: ${event}`;
    // Only when it has facts: an address alone ("ship to: Alice…") adds nothing to an answer.
    const labelOnly = LABEL_KEYS.some((labelKey) => value[labelKey] !== undefined);
    const described = describeRecord(value, depth + 1);
    if (described && !(labelOnly && !described.includes('('))) return `${name}: ${described}`;
  }
  return undefined;
}

function latestEvent(record: Record<string, unknown>): string {
  const event = isRecord(record.last_event) ? describeEvent(record.last_event) : undefined;
  return event ? `; last scan: ${event}` : '';
}

function describeEvent(value: Record<string, unknown>): string | undefined {
  if (typeof value.description !== 'string') return undefined;
  const where = [value.location, formatValue(value.at ?? value.occurred_at)].filter(
    (part) => typeof part === 'string' && part,
  );
  return where.length > 0 ? `${value.description} (${where.join(', ')})` : value.description;
}

function describeItemName(item: Record<string, unknown>): string {
  const name = String(item.product_name ?? item.name ?? item.title ?? item.order_number);
  const variant = [item.size, item.colour ?? item.color].filter((part) => typeof part === 'string' && part).join(', ');
  const quantity = typeof item.quantity === 'number' && item.quantity > 1 ? ` ×${item.quantity}` : '';
  const price = formatValue(item.line_total ?? item.price ?? item.total);
  return `${name}${variant ? ` (${variant})` : ''}${quantity}${price ? ` ${price}` : ''}`;
}

function formatValue(value: unknown): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    // ISO timestamps read better as days in a chat answer.
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return value.slice(0, 10);
    // Search excerpts mark matches with <mark>: the answer is plain text.
    const text = value.replace(/<[^>]{1,40}>/g, '');
    return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
  }
  if (isMoney(value)) {
    if (typeof value.formatted === 'string') return value.formatted;
    return `${String(value.amount)} ${String(value.currency ?? '')}`.trim();
  }
  // A status object (`{ status, label, requested: { label } }`) reads as its label, the specific one first.
  if (isRecord(value)) {
    const requested = isRecord(value.requested) ? value.requested.label : undefined;
    const label = typeof requested === 'string' ? requested : value.label;
    return typeof label === 'string' ? label : undefined;
  }
  return undefined;
}

function hasLabel(record: Record<string, unknown>): boolean {
  return LABEL_KEYS.some((key) => typeof record[key] === 'string' || typeof record[key] === 'number');
}

function isMoney(value: unknown): value is Record<string, unknown> {
  return (
    isRecord(value) &&
    (typeof value.formatted === 'string' || (typeof value.amount === 'number' && 'currency' in value))
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** An error's own words: the `message` of a JSON error, else its text. */
function errorText(texts: readonly string[]): string {
  for (const document of parseJsonParts(texts)) {
    if (!isRecord(document)) continue;
    const error = isRecord(document.error) ? document.error : document;
    if (typeof error.message === 'string') return error.message;
  }
  return texts.join(' ').trim() || 'the tool reported an error without details';
}

function quote(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= MAX_QUOTE_CHARS) return clean;
  const cut = clean.slice(0, MAX_QUOTE_CHARS);
  const sentenceEnd = cut.lastIndexOf('. ');
  return sentenceEnd > 80 ? cut.slice(0, sentenceEnd + 1) : `${cut}…`;
}

function singular(word: string): string {
  return word.endsWith('s') ? word.slice(0, -1) : word;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
