import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { z } from 'zod';
import { ToolsResponseSchema } from '../http/tools-response-schema.ts';
import type { ToolCatalogue } from './tool-catalogue.ts';

/**
 * How often a worker writes its tool list for the API role, in milliseconds: `GET /api/tools` on the API is at
 * most this stale (a server coming up shows within 2 s).
 */
export const TOOL_LIST_PUBLISH_INTERVAL_MS = 2_000;
/** The list expires when no worker has written it for this long (every worker gone): the API lists nothing. */
export const TOOL_LIST_TTL_MS = 30_000;

/** One tool as `GET /api/tools` shows it: the endpoint's own schema, so the published list cannot drift from it. */
export const PublicToolSchema = ToolsResponseSchema.shape.tools.element;
export type PublicTool = z.infer<typeof PublicToolSchema>;

const PublishedListSchema = z.array(PublicToolSchema);

/** The catalogue's tools in the public shape of `GET /api/tools`. */
export function publicToolList(catalogue: Pick<ToolCatalogue, 'entries'>): PublicTool[] {
  return catalogue.entries().map((entry) => ({
    server: entry.server,
    name: entry.name,
    description: entry.description,
    ...(entry.icons ? { icons: entry.icons.map((icon) => ({ ...icon })) } : {}),
    inputSchema: entry.inputSchema,
    annotations: { ...entry.annotations },
    available: entry.available,
  }));
}

const keyOf = (prefix: string) => `${prefix}:tools`;

/**
 * The worker's side: writes the catalogue's tool list to Redis now and every
 * {@link TOOL_LIST_PUBLISH_INTERVAL_MS}, so the internet-facing API role can answer `GET /api/tools` without
 * reaching the MCP servers or holding their credentials. Returns the stop function.
 */
export function publishToolList(options: {
  redis: Redis;
  prefix: string;
  catalogue: Pick<ToolCatalogue, 'entries'>;
  log: Logger;
}): () => void {
  const write = () =>
    void options.redis
      .set(keyOf(options.prefix), JSON.stringify(publicToolList(options.catalogue)), 'PX', TOOL_LIST_TTL_MS)
      .catch((error: unknown) => options.log.warn({ err: error }, 'could not publish the tool list'));
  write();
  const timer = setInterval(write, TOOL_LIST_PUBLISH_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** The API's side: the list the workers last wrote; empty when none did (or what is there is not a list). */
export async function readPublishedToolList(redis: Redis, prefix: string): Promise<PublicTool[]> {
  const raw = await redis.get(keyOf(prefix));
  if (!raw) return [];
  try {
    const parsed = PublishedListSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}
