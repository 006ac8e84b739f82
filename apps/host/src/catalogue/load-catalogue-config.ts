import {
  ConfigError,
  type CustomerTokenSigner,
  createCustomerTokenSigner,
  parseEnvironment,
} from '@shopchat/mcp-service';
import { z } from 'zod';
import { type McpServerConfig, parseMcpServers } from './parse-mcp-servers.ts';
import type { ToolCatalogueSettings } from './tool-catalogue.ts';

/** The parts of {@link ToolCatalogueOptions} that come from the environment. */
export interface CatalogueConfig {
  servers: McpServerConfig[];
  serviceToken?: string;
  signer?: CustomerTokenSigner;
  settings: Partial<ToolCatalogueSettings>;
}

const milliseconds = (min: number, max: number) => z.coerce.number().int().min(min).max(max).optional();

const EnvSchema = z.object({
  MCP_SERVICE_TOKEN: z.string().min(16, 'must be at least 16 characters (use a random secret)').optional(),
  MCP_IDENTITY_PRIVATE_KEY: z.string().min(1).optional(),
  MCP_IDENTITY_ISSUER: z.string().min(1).optional(),
  MCP_CONNECT_TIMEOUT_MS: milliseconds(100, 60_000),
  TOOL_TIMEOUT_MS: milliseconds(100, 120_000),
  MCP_TOOLS_REFRESH_MS: milliseconds(1_000, 3_600_000),
});

/**
 * Reads the catalogue's settings from the environment: `MCP_SERVERS`, `MCP_REQUIRED_SERVERS`,
 * `MCP_SERVICE_TOKEN`, `MCP_IDENTITY_PRIVATE_KEY` (Ed25519, PKCS#8 PEM or JWK; unset: only anonymous calls)
 * with `MCP_IDENTITY_ISSUER`, `MCP_CONNECT_TIMEOUT_MS`, `TOOL_TIMEOUT_MS`, `MCP_TOOLS_REFRESH_MS`.
 * A bad value throws a {@link ConfigError} naming the variable.
 */
export async function loadCatalogueConfig(env: NodeJS.ProcessEnv): Promise<CatalogueConfig> {
  const servers = parseMcpServers(env);
  const e = parseEnvironment(EnvSchema, env);
  let signer: CustomerTokenSigner | undefined;
  if (e.MCP_IDENTITY_PRIVATE_KEY) {
    try {
      signer = await createCustomerTokenSigner({
        privateKey: e.MCP_IDENTITY_PRIVATE_KEY,
        ...(e.MCP_IDENTITY_ISSUER ? { issuer: e.MCP_IDENTITY_ISSUER } : {}),
      });
    } catch (cause) {
      throw new ConfigError('MCP_IDENTITY_PRIVATE_KEY', 'is not an Ed25519 private key (PKCS#8 PEM or JWK JSON)', {
        cause,
      });
    }
  }
  return {
    servers,
    ...(e.MCP_SERVICE_TOKEN ? { serviceToken: e.MCP_SERVICE_TOKEN } : {}),
    ...(signer ? { signer } : {}),
    settings: {
      ...(e.MCP_CONNECT_TIMEOUT_MS ? { connectTimeoutMs: e.MCP_CONNECT_TIMEOUT_MS } : {}),
      ...(e.TOOL_TIMEOUT_MS ? { callTimeoutMs: e.TOOL_TIMEOUT_MS } : {}),
      ...(e.MCP_TOOLS_REFRESH_MS ? { refreshIntervalMs: e.MCP_TOOLS_REFRESH_MS } : {}),
    },
  };
}
