import {
  type Icon,
  ProtocolError,
  ProtocolErrorCode,
  ResourceNotFoundError,
  Server,
  UriTemplate,
} from '@modelcontextprotocol/server';
import type { z } from 'zod';
import { CUSTOMER_TOKEN_META_KEY } from './customer-identity.ts';
import type { AnyPromptDefinition } from './define-prompt.ts';
import type { ResourceTemplateDefinition } from './define-resource.ts';
import { describeInvalidArguments } from './describe-invalid-arguments.ts';
import { SERVED_PROTOCOL_VERSIONS } from './protocol-revisions.ts';
import type { RequestScope } from './request-scope.ts';
import type { ServedTools } from './served-tools.ts';
import type { createToolExecutor } from './tool-executor.ts';
import { IDEMPOTENCY_KEY_META_KEY, PREVIEW_META_KEY, readIdempotencyKey } from './tool-executor.ts';
import { traceToolCall } from './trace-tool-call.ts';

export interface McpServerFactoryOptions {
  name: string;
  version: string;
  title?: string;
  /** Shown by clients beside the server's name (2025-11-25 `icons` on the implementation info). */
  icons?: readonly Icon[];
  /** Told to clients at initialize and discover: how this server's tools fit together. */
  instructions?: string;
  catalogue: ServedTools;
  executeToolCall: ReturnType<typeof createToolExecutor>;
  resources: readonly ResourceTemplateDefinition[];
  prompts: readonly AnyPromptDefinition[];
}

/**
 * Builds an SDK `Server` whose handlers read the request they serve from `currentScope`, called once at
 * the start of each handler: a pooled server serves many requests one after another (see `ServerPool`),
 * a stdio server one connection's.
 */
export type ServerBuilder = (currentScope: () => RequestScope) => Server;

/**
 * Returns the builder of this service's SDK `Server`s. Only cheap work happens per build: handlers are
 * closures over the catalogue and the lists built here once.
 */
export function createMcpServerFactory(options: McpServerFactoryOptions): ServerBuilder {
  const templates = options.resources.map((definition) => ({
    definition,
    matcher: new UriTemplate(definition.uriTemplate),
  }));
  const templatesList = Object.freeze({
    resourceTemplates: options.resources.map((r) => ({
      name: r.name,
      title: r.title,
      description: r.description,
      uriTemplate: r.uriTemplate,
      mimeType: r.mimeType,
    })),
  });
  const promptsList = Object.freeze({
    prompts: options.prompts.map((p) => ({
      name: p.name,
      title: p.title,
      description: p.description,
      arguments: Object.entries(p.arguments.shape).map(([name, schema]) => ({
        name,
        description: (schema as z.ZodType).description,
        required: !(schema as z.ZodType).safeParse(undefined).success,
      })),
    })),
  });
  const promptsByName = new Map(options.prompts.map((p) => [p.name, p]));
  const capabilities = {
    tools: {},
    // Says out loud that `tools/call` with the preview flag in `_meta` describes a change instead of making it.
    // The host sends that flag only to servers that declare this; to any other it would be a real call.
    experimental: { [PREVIEW_META_KEY]: {} },
    ...(options.resources.length ? { resources: {} } : {}),
    ...(options.prompts.length ? { prompts: {} } : {}),
  };
  const info = {
    name: options.name,
    version: options.version,
    ...(options.title ? { title: options.title } : {}),
    ...(options.icons?.length ? { icons: [...options.icons] } : {}),
  };
  const supportedProtocolVersions = [...SERVED_PROTOCOL_VERSIONS];

  return function buildServer(currentScope) {
    const server = new Server(info, {
      capabilities,
      supportedProtocolVersions,
      ...(options.instructions ? { instructions: options.instructions } : {}),
    });
    server.setRequestHandler('tools/list', () => options.catalogue.listResult as never);
    server.setRequestHandler('tools/call', (request, ctx) => {
      const scope = currentScope();
      const meta = (request.params._meta ?? {}) as Record<string, unknown>;
      const name = request.params.name;
      const traced = traceToolCall({ name, known: options.catalogue.get(name) !== undefined, meta, scope });
      return traced.run(() =>
        options.executeToolCall({
          name,
          arguments: request.params.arguments,
          customerToken: meta[CUSTOMER_TOKEN_META_KEY],
          preview: meta[PREVIEW_META_KEY] === true,
          idempotencyKey: readIdempotencyKey(meta[IDEMPOTENCY_KEY_META_KEY]),
          signal: ctx.mcpReq.signal,
          trace: traced.trace,
          log: scope.log,
          bindings: traced.bindings,
        }),
      ) as never;
    });
    if (options.resources.length) {
      server.setRequestHandler('resources/templates/list', () => templatesList as never);
      server.setRequestHandler('resources/list', async (_request, ctx) => {
        const scope = currentScope();
        const context = { log: scope.log.child(scope.bindings), signal: ctx.mcpReq.signal };
        const lists = await Promise.all(
          templates.map(async ({ definition }) =>
            (await definition.list(context)).map((entry) => ({ mimeType: definition.mimeType, ...entry })),
          ),
        );
        return { resources: lists.flat() } as never;
      });
      server.setRequestHandler('resources/read', async (request, ctx) => {
        const scope = currentScope();
        const uri = request.params.uri;
        for (const { definition, matcher } of templates) {
          const variables = matcher.match(uri);
          if (!variables) continue;
          const flat = Object.fromEntries(
            Object.entries(variables).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]),
          );
          const found = await definition.read(flat, {
            log: scope.log.child(scope.bindings),
            signal: ctx.mcpReq.signal,
          });
          if (found) return { contents: [{ uri, mimeType: definition.mimeType, text: found.text }] } as never;
        }
        throw new ResourceNotFoundError(uri);
      });
    }
    if (options.prompts.length) {
      server.setRequestHandler('prompts/list', () => promptsList as never);
      server.setRequestHandler('prompts/get', async (request) => {
        const prompt = promptsByName.get(request.params.name);
        if (!prompt) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Unknown prompt: ${request.params.name}`);
        const parsed = prompt.arguments.safeParse(request.params.arguments ?? {});
        if (!parsed.success) {
          throw new ProtocolError(ProtocolErrorCode.InvalidParams, describeInvalidArguments(parsed.error));
        }
        return (await prompt.render(parsed.data)) as never;
      });
    }
    return server;
  };
}
