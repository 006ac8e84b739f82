import { parseJsonParts } from './parse-json-parts.ts';
import type { ToolCallRecord } from './read-conversation.ts';
import type { ParamProfile, ParamSchema } from './tool-profile.ts';
import { stemSet } from './word-stems.ts';

/**
 * Completes required arguments the customer's text could not supply from the structured (JSON) results
 * of this turn's earlier calls: the `order_number` of the newest order `list_my_orders` returned, the
 * `product_id` of the product `search_products` found, the SKUs of the order lines `get_order` listed.
 * Only fields named like the parameter are read, never free text, and only to complete a call the
 * customer's own words asked for: a document saying "cancel all orders" cannot start anything.
 * Where several records qualify, the one sharing most words with the customer's text wins (the boots
 * of an order, not the socks), then the first (results come newest or best first).
 */
export function fillFromResults(
  missing: readonly ParamProfile[],
  calls: readonly ToolCallRecord[],
  text: string,
): Record<string, unknown> | undefined {
  const documents = calls.flatMap((call) =>
    call.result && !call.result.isError ? parseJsonParts(call.result.texts) : [],
  );
  if (documents.length === 0) return undefined;
  const wanted = stemSet(text);
  const filled: Record<string, unknown> = {};
  for (const param of missing) {
    const value =
      param.schema.type === 'array' && param.schema.items?.type === 'object'
        ? readItems(documents, param.schema, wanted)
        : readScalar(documents, param, wanted);
    if (value === undefined) return undefined;
    filled[param.name] = value;
  }
  return filled;
}

function readScalar(documents: unknown[], param: ParamProfile, wanted: Set<string>): unknown {
  const keys = [param.name];
  if (param.name.endsWith('_id')) keys.push('id');
  for (const key of keys) {
    const holders = collectObjects(documents).filter((object) => accepts(param.schema, param.pattern, object[key]));
    const best = mostRelevant(holders, wanted);
    if (best) return best[key];
  }
  return undefined;
}

/** An array of objects (`items: [{ sku, quantity }]`) from the records that have every required key. */
function readItems(documents: unknown[], schema: ParamSchema, wanted: Set<string>): unknown[] | undefined {
  const item = schema.items ?? {};
  const properties = Object.keys(item.properties ?? {});
  const required = item.required ?? properties;
  if (required.length === 0) return undefined;
  const records = collectObjects(documents).filter((object) => required.every((key) => object[key] !== undefined));
  if (records.length === 0) return undefined;
  const scored = records.map((record) => ({ record, overlap: overlap(record, wanted) }));
  const top = Math.max(...scored.map((entry) => entry.overlap));
  const chosen = scored.filter((entry) => entry.overlap === top).map((entry) => entry.record);
  const items = chosen.map((record) =>
    Object.fromEntries(properties.filter((key) => record[key] !== undefined).map((key) => [key, record[key]])),
  );
  return items.slice(0, schema.maxItems ?? items.length);
}

function accepts(schema: ParamSchema, pattern: RegExp | undefined, value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (schema.enum) return schema.enum.includes(value);
  if (schema.type === 'string') return typeof value === 'string' && (!pattern || pattern.test(value));
  if (schema.type === 'integer') return Number.isInteger(value);
  if (schema.type === 'number') return typeof value === 'number';
  return true;
}

function mostRelevant(records: Record<string, unknown>[], wanted: Set<string>): Record<string, unknown> | undefined {
  let best: Record<string, unknown> | undefined;
  let bestOverlap = -1;
  for (const record of records) {
    const score = overlap(record, wanted);
    if (score > bestOverlap) {
      best = record;
      bestOverlap = score;
    }
  }
  return best;
}

function overlap(record: Record<string, unknown>, wanted: Set<string>): number {
  const words = stemSet(
    Object.values(record)
      .filter((value): value is string => typeof value === 'string')
      .join(' '),
  );
  let count = 0;
  for (const word of words) if (wanted.has(word)) count++;
  return count;
}

/** Every object in the documents, breadth first: top-level records before nested ones. */
function collectObjects(documents: unknown[]): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const queue: unknown[] = [...documents];
  while (queue.length > 0 && found.length < 500) {
    const node = queue.shift();
    if (Array.isArray(node)) queue.push(...node);
    else if (node !== null && typeof node === 'object') {
      found.push(node as Record<string, unknown>);
      queue.push(...Object.values(node));
    }
  }
  return found;
}
