import type { Logger } from 'pino';

/** One readable resource as `resources/list` shows it. */
export interface ResourceEntry {
  uri: string;
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
}

export interface ResourceReadContext {
  log: Logger;
  signal: AbortSignal;
}

/**
 * A family of resources addressed by one RFC 6570 URI template, e.g. `docs://articles/{slug}`. The
 * template is announced by `resources/templates/list`; `list` feeds `resources/list`.
 */
export interface ResourceTemplateDefinition {
  name: string;
  title: string;
  description: string;
  uriTemplate: string;
  mimeType: string;
  /** Every concrete resource of the family (bounded: the kit serves the first page only). */
  list(context: ResourceReadContext): Promise<ResourceEntry[]>;
  /** The resource's text, or `null` when no resource has these variables. */
  read(variables: Record<string, string>, context: ResourceReadContext): Promise<{ text: string } | null>;
}

/** Declares a resource family; validated here so a typo fails at startup, not at the first read. */
export function defineResourceTemplate(definition: ResourceTemplateDefinition): ResourceTemplateDefinition {
  if (!/\{[^}]+\}/.test(definition.uriTemplate)) {
    throw new TypeError(`Resource template "${definition.name}" has no {variable} in "${definition.uriTemplate}".`);
  }
  return Object.freeze(definition);
}
