import type { ToolParam } from './messages-request-schema.ts';
import { splitWords, stem } from './word-stems.ts';

/** The part of a JSON Schema model-sim reads to fill an argument. */
export interface ParamSchema {
  type?: string;
  description?: string;
  enum?: unknown[];
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  items?: ParamSchema;
  properties?: Record<string, ParamSchema>;
  required?: string[];
}

export interface ParamProfile {
  name: string;
  required: boolean;
  schema: ParamSchema;
  /** The schema's `pattern`, compiled, when it is specific enough to pick values out of free text. */
  pattern?: RegExp;
  /** Looks like an order number (by name, or by a pattern that accepts `A-1042`). */
  orderNumber: boolean;
  /** A free-text search field (`query`, `q`, `keywords`…): it gets the customer's content words. */
  freeText: boolean;
}

/** What model-sim knows about one tool: its words, weighted, and its parameters. */
export interface ToolProfile {
  name: string;
  description: string;
  params: ParamProfile[];
  /** Stem → weight: name parts 3, quoted example requests 2, description 1, parameter names 1.5… */
  words: Map<string, number>;
  /**
   * The word that says what the tool does, stemmed: the verb opening a multi-word name (`cancel` of
   * `cancel_order`), or the object after a vague verb (`return` of `start_return`). Unset for plain
   * look-ups (`get_order`, `list_my_orders`), which customers ask for in all sorts of words.
   */
  verb?: string;
  /** The tool changes something (its verb is not a look-up verb like search, check or track). */
  acts: boolean;
  /** Other tools of the request that this tool's description refers to by name. */
  mentions: Set<string>;
  /** Searches help-center style content (help, docs, articles, policies, FAQ). */
  helpSearch: boolean;
}

/** The customer-facing shape of an order number: a letter, an optional dash, 3–6 digits. */
export const ORDER_NUMBER = /^[A-Za-z]-?\d{3,6}$/;

/**
 * Word weights. A tool name is usually verb + object (`cancel_order`): the verb says what the customer
 * wants done and weighs most; the object ("order") is shared by many tools and weighs less.
 */
const WEIGHT = {
  verb: 4,
  name: 2.5,
  example: 2,
  description: 1,
  paramName: 1.5,
  enumValue: 1.5,
  paramDescription: 0.5,
} as const;
/** Name verbs that say nothing about the customer's wish ("get order" is asked as "show me my order"). */
const GENERIC_VERBS = new Set(['get', 'list', 'fetch', 'read', 'find', 'lookup', 'query', 'do', 'run']);
/** Verbs whose object names the action: `start_return` is done when a customer wants to return something. */
const VAGUE_VERBS = new Set([
  'start',
  'create',
  'make',
  'place',
  'submit',
  'open',
  'add',
  'begin',
  'request',
  'initiate',
]);
/** Verbs of tools that only read: they may be chosen without the customer using the verb. */
const LOOKUP_VERBS = new Set([
  'search',
  'check',
  'track',
  'show',
  'view',
  'describe',
  'browse',
  'compare',
  'estimate',
  'calculate',
]);
const FREE_TEXT_NAMES = new Set(['query', 'q', 'search', 'search_query', 'text', 'keywords', 'terms', 'question']);
const HELP_WORDS = new Set(['help', 'doc', 'article', 'faq', 'policy', 'guide', 'knowledge']);
/** Words a pattern must not match to count as specific (a pattern like `.+` tells nothing). */
const ORDINARY_WORDS = ['hello', 'the', 'a', 'boots', 'order', '12', 'x'];

/** Profiles of the request's client tools (server tools such as web search have no input schema to fill). */
export function buildToolProfiles(tools: readonly ToolParam[]): ToolProfile[] {
  const custom = tools.filter((tool) => tool.input_schema && (tool.type === undefined || tool.type === 'custom'));
  const names = custom.map((tool) => tool.name);
  return custom.map((tool) => buildProfile(tool, names));
}

function buildProfile(tool: ToolParam, allNames: readonly string[]): ToolProfile {
  const root = (tool.input_schema ?? {}) as ParamSchema & Record<string, unknown>;
  const required = new Set(root.required ?? []);
  const params = Object.entries(root.properties ?? {}).map(([name, raw]) =>
    buildParam(name, resolveSchema(raw, root), required.has(name)),
  );

  let description = tool.description ?? '';
  const mentions = new Set<string>();
  for (const other of allNames) {
    if (other === tool.name || !description.includes(other)) continue;
    mentions.add(other);
    // Another tool's name in a description ("then use cancel_order") says nothing about this tool.
    description = description.split(other).join(' ');
  }

  const words = new Map<string, number>();
  const add = (text: string, weight: number) => {
    for (const word of splitWords(text)) {
      if (/^\d+$/.test(word)) continue;
      const key = stem(word);
      if ((words.get(key) ?? 0) < weight) words.set(key, weight);
    }
  };
  const nameParts = splitWords(tool.name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]/g, ' '));
  for (const [index, part] of nameParts.entries()) {
    add(part, nameParts.length > 1 && index === 0 ? WEIGHT.verb : nameParts.length > 1 ? WEIGHT.name : WEIGHT.verb);
  }
  for (const sentence of description.split(/(?<=[.!?])\s+/)) {
    // "Not for orders that…" describes what the tool does not do: its words must not attract those requests.
    if (/^(?:not\b|do not\b|don't\b|never\b)/i.test(sentence.trim())) continue;
    for (const quoted of sentence.match(/["“][^"”]+["”]/g) ?? []) add(quoted, WEIGHT.example);
    add(sentence, WEIGHT.description);
  }
  for (const param of params) {
    add(param.name.replace(/[_-]/g, ' '), WEIGHT.paramName);
    add(param.schema.description ?? '', WEIGHT.paramDescription);
    for (const value of param.schema.enum ?? []) {
      if (typeof value === 'string') add(value.replace(/[_-]/g, ' '), WEIGHT.enumValue);
    }
  }
  const [first, second] = nameParts.map((part) => stem(part));
  const actionWord = first && VAGUE_VERBS.has(first) && second ? second : first;
  const verb = nameParts.length > 1 && actionWord && !GENERIC_VERBS.has(actionWord) ? actionWord : undefined;
  const nameAndDescription = new Set(splitWords(`${tool.name.replace(/_/g, ' ')} ${description}`).map(stem));
  return {
    name: tool.name,
    description,
    params,
    words,
    ...(verb ? { verb } : {}),
    acts: verb !== undefined && !LOOKUP_VERBS.has(verb),
    mentions,
    helpSearch: [...HELP_WORDS].some((word) => nameAndDescription.has(word)) && params.some((p) => p.freeText),
  };
}

function buildParam(name: string, schema: ParamSchema, required: boolean): ParamProfile {
  const pattern = compileSpecificPattern(schema.pattern);
  const orderNumber =
    schema.type === 'string' && (/order.?(?:number|no|nr|id|ref)/i.test(name) || pattern?.test('A-1042') === true);
  const description = schema.description ?? '';
  const freeText =
    schema.type === 'string' &&
    !schema.enum &&
    !pattern &&
    (FREE_TEXT_NAMES.has(name.toLowerCase()) ||
      /\b(?:free[- ]text|search (?:words|terms)|keywords)\b/i.test(description));
  return { name, required, schema, ...(pattern ? { pattern } : {}), orderNumber, freeText };
}

function compileSpecificPattern(source: string | undefined): RegExp | undefined {
  if (!source) return undefined;
  try {
    const pattern = new RegExp(source, 'u');
    return ORDINARY_WORDS.some((word) => pattern.test(word)) ? undefined : pattern;
  } catch {
    return undefined; // a pattern JavaScript cannot compile fills nothing
  }
}

/**
 * Follows a local `$ref` and unwraps `anyOf`/`oneOf`/`type: [..., "null"]` (how optional and nullable
 * fields are often written) down to the first non-null schema.
 */
export function resolveSchema(raw: unknown, root: Record<string, unknown>, depth = 0): ParamSchema {
  if (raw === null || typeof raw !== 'object' || depth > 8) return {};
  let schema = raw as ParamSchema & { $ref?: string; anyOf?: unknown[]; oneOf?: unknown[]; type?: unknown };
  if (typeof schema.$ref === 'string' && schema.$ref.startsWith('#/')) {
    const target = schema.$ref
      .slice(2)
      .split('/')
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], root);
    const { $ref: _ignored, ...rest } = schema;
    return { ...resolveSchema(target, root, depth + 1), ...(rest as ParamSchema) };
  }
  const branches = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(branches)) {
    const branch = branches.find((candidate) => (candidate as { type?: unknown })?.type !== 'null');
    const { anyOf: _a, oneOf: _o, ...rest } = schema;
    return { ...resolveSchema(branch, root, depth + 1), ...(rest as ParamSchema) };
  }
  if (Array.isArray(schema.type)) {
    schema = { ...schema, type: schema.type.find((type) => type !== 'null') };
  }
  const resolved = { ...schema } as ParamSchema;
  if (schema.items) resolved.items = resolveSchema(schema.items, root, depth + 1);
  if (schema.properties) {
    resolved.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([key, value]) => [key, resolveSchema(value, root, depth + 1)]),
    );
  }
  return resolved;
}
