import fc from 'fast-check';
import { type HostileValueOptions, hostileValue } from './hostile-values.ts';

/** The part of JSON Schema that tool input schemas (zod's `toJSONSchema`) use. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
}

/** Field names a client might add to reach past the schema: above all, to name another customer. */
const EXTRA_KEYS = ['customer_id', 'customerId', '__proto__', 'constructor', 'admin', 'force', 'include_all'];
/** One object in this many gets fields its schema does not have. */
const EXTRA_ONE_IN = 6;
/** One slot in this many gets a hostile value instead of a schema-shaped one. */
const HOSTILE_ONE_IN = 6;
/** Longest array generated from an `items` schema, beyond its `maxItems`: a client that sends too many. */
const ARRAY_EXCESS = 3;
/** Longest serialised arguments: under the kit's default body limit (256 KiB), so the call reaches the tool. */
const MAX_ARGUMENT_BYTES = 200_000;
/** Omitted optional fields are left out of the object rather than sent as `undefined`. */
const OMIT: unique symbol = Symbol('omit');

/**
 * Arguments for a tool with this input schema: mostly well-formed (so the handler's own checks run), with
 * hostile values in some fields, required fields missing now and then, and extra fields that try to name
 * someone else. Always a JSON object, as `tools/call` requires.
 */
export function toolArguments(
  schema: JsonSchema,
  options: HostileValueOptions = {},
): fc.Arbitrary<Record<string, unknown>> {
  return objectOf(schema, options, 0).filter(
    (args) => Buffer.byteLength(JSON.stringify(args)) < MAX_ARGUMENT_BYTES,
  ) as fc.Arbitrary<Record<string, unknown>>;
}

/** A value shaped like `schema`, or now and then a hostile one. */
function slot(schema: JsonSchema, options: HostileValueOptions, depth: number): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: HOSTILE_ONE_IN - 1, arbitrary: shaped(schema, options, depth) },
    { weight: 1, arbitrary: hostileValue(options) },
  );
}

function shaped(schema: JsonSchema, options: HostileValueOptions, depth: number): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return fc.oneof(...union.map((member) => shaped(member, options, depth)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object':
      return depth > 3 ? fc.constant({}) : objectOf(schema, options, depth + 1);
    case 'array': {
      const item = schema.items ? slot(schema.items, options, depth + 1) : fc.jsonValue({ maxDepth: 1 });
      const maxLength = (schema.maxItems ?? 5) + ARRAY_EXCESS;
      return fc.oneof(
        { weight: 9, arbitrary: fc.array(item, { minLength: schema.minItems ?? 0, maxLength }) },
        { weight: 1, arbitrary: fc.array(item, { minLength: 0, maxLength: 500, size: 'max' }) },
      );
    }
    case 'string':
      return stringFor(schema, options);
    case 'integer':
    case 'number':
      return numberFor(schema, type === 'integer');
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function objectOf(schema: JsonSchema, options: HostileValueOptions, depth: number): fc.Arbitrary<unknown> {
  const required = new Set(schema.required ?? []);
  const fields = Object.entries(schema.properties ?? {}).map(([key, property]) =>
    // Required fields are left out one time in ten, optional ones half of the time.
    fc
      .option(slot(property, options, depth), { freq: required.has(key) ? 10 : 2, nil: OMIT })
      .map((value) => [key, value] as const),
  );
  const extraField = fc.tuple(
    fc.oneof(fc.constantFrom(...EXTRA_KEYS), fc.string({ maxLength: 12 })),
    hostileValue(options),
  );
  // One object in EXTRA_ONE_IN gets fields its schema does not have.
  const extras = fc.oneof(
    { weight: EXTRA_ONE_IN - 1, arbitrary: fc.constant([]) },
    { weight: 1, arbitrary: fc.array(extraField, { minLength: 1, maxLength: 2 }) },
  );
  // fromEntries defines own properties, so "__proto__" is a real key that reaches the server as sent.
  return fc
    .tuple(fc.tuple(...fields), extras)
    .map(([entries, extra]) => Object.fromEntries([...entries.filter(([, value]) => value !== OMIT), ...extra]));
}

function stringFor(schema: JsonSchema, options: HostileValueOptions): fc.Arbitrary<unknown> {
  const minLength = schema.minLength ?? 0;
  const maxLength = schema.maxLength ?? 60;
  const fits = (value: string) => value.length >= minLength && value.length <= maxLength;
  // Any text now and then; mostly text the schema accepts, and values that name real records.
  const candidates: fc.WeightedArbitrary<string>[] = [
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength, maxLength: Math.min(maxLength, 60) }) },
  ];
  if (schema.format === 'date') candidates.push({ weight: 2, arbitrary: isoDate().map((date) => date.slice(0, 10)) });
  else if (schema.format === 'date-time') candidates.push({ weight: 2, arbitrary: isoDate() });
  else if (schema.pattern) {
    const pattern = new RegExp(schema.pattern, 'u');
    candidates.push({ weight: 2, arbitrary: fc.stringMatching(pattern).filter(fits) });
  }
  const known = [...(options.own ?? []), ...(options.foreign ?? [])].filter(fits);
  if (known.length > 0) candidates.push({ weight: 3, arbitrary: fc.constantFrom(...known) });
  return fc.oneof(...candidates);
}

function numberFor(schema: JsonSchema, integer: boolean): fc.Arbitrary<unknown> {
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1_000_000);
  const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 1_000_000);
  const inRange = integer
    ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  // The bounds and their neighbours: where off-by-one checks fail.
  return fc.oneof(
    { weight: 3, arbitrary: inRange },
    { weight: 1, arbitrary: fc.constantFrom(min, max, min - 1, max + 1, integer ? min + 0.5 : max) },
  );
}

function isoDate(): fc.Arbitrary<string> {
  return fc
    .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
    .map((date) => date.toISOString());
}
