import { Ajv2020 } from 'ajv/dist/2020.js';

type JsonObject = Record<string, unknown>;

const DOCUMENT_URI = 'https://shopchat.test/openapi.json';

/**
 * Checks real HTTP exchanges against an OpenAPI 3.1 document: the status and content type must be
 * documented for the operation, and the body must validate against the documented schema (JSON Schema
 * 2020-12, `$ref`s into `components` resolved). Event streams are checked chunk by chunk.
 */
export function createOpenApiChecker(document: JsonObject) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema({ $id: DOCUMENT_URI, components: document.components });
  const checked = new Set<string>();

  const validate = (schema: unknown, value: unknown, what: string): void => {
    const absolute = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', `"${DOCUMENT_URI}#/components/`));
    const check = ajv.compile(absolute);
    if (!check(value)) {
      throw new Error(
        `${what} does not match the OpenAPI document: ${ajv.errorsText(check.errors)}\n${JSON.stringify(value).slice(0, 500)}`,
      );
    }
  };

  const operation = (method: string, path: string): JsonObject => {
    const op = (document.paths as Record<string, Record<string, JsonObject>>)[path]?.[method];
    if (!op) throw new Error(`${method.toUpperCase()} ${path} is not in the OpenAPI document`);
    return op;
  };

  return {
    /** Every `METHOD path status` checked so far. */
    checked,
    /** Validates a request body the way the document describes it. */
    checkRequestBody(method: string, path: string, body: unknown): void {
      const content = (operation(method, path).requestBody as { content: Record<string, { schema: unknown }> }).content;
      validate(content['application/json']?.schema, body, `${method.toUpperCase()} ${path} request body`);
    },
    /** Validates a response (consumes its body). `path` is the documented template, like `/api/chat/{id}`. */
    async checkResponse(method: string, path: string, response: Response): Promise<void> {
      const what = `${method.toUpperCase()} ${path} ${response.status}`;
      const documented = (operation(method, path).responses as Record<string, JsonObject>)[String(response.status)];
      if (!documented) throw new Error(`${what} is not a documented response`);
      checked.add(what);
      const text = await response.text();
      const content = documented.content as Record<string, JsonObject> | undefined;
      if (!content) {
        if (text !== '') throw new Error(`${what} has a body but documents none`);
        return;
      }
      const mediaType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
      const media = content[mediaType];
      if (!media) throw new Error(`${what} answered ${mediaType}, documented: ${Object.keys(content).join(', ')}`);
      for (const [name, header] of Object.entries((documented.headers ?? {}) as Record<string, JsonObject>)) {
        const value = response.headers.get(name) ?? undefined;
        const typed = (header.schema as { type?: string }).type === 'integer' && value ? Number(value) : value;
        validate(header.schema, typed, `${what} header ${name}`);
      }
      if (mediaType !== 'text/event-stream') {
        validate(media.schema, JSON.parse(text), what);
        return;
      }
      validate(media.schema, text, what);
      const events = text.split('\n').filter((line) => line.startsWith('data: '));
      if (events.at(-1) !== 'data: [DONE]') throw new Error(`${what}: the stream does not end with data: [DONE]`);
      for (const event of events.slice(0, -1)) {
        validate(media['x-item-schema'], JSON.parse(event.slice('data: '.length)), `${what} chunk`);
      }
    },
  };
}
