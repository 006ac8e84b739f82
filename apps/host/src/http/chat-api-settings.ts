import { ConfigError, parseEnvironment } from '@shopchat/mcp-service';
import { z } from 'zod';
import { type CustomerTokenOptions, isAcceptableJwksUrl } from '../identity/verify-customer-token.ts';
import { parseAllowedOrigins } from './cors.ts';
import { CHAT_API_DEFAULTS, type ChatApiOptions } from './create-chat-routes.ts';

const EnvSchema = z.object({
  CORS_ALLOWED_ORIGINS: z.string().optional(),
  CHAT_MAX_MESSAGE_CHARS: z.coerce.number().int().min(1).max(100_000).optional(),
  CHAT_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(16 * 1024 * 1024)
    .optional(),
  CHAT_TURNS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).optional(),
  CHAT_READS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).optional(),
  CUSTOMER_JWT_SECRET: z.string().min(32, 'must be at least 32 characters (a random secret)').optional(),
  CUSTOMER_JWKS_URL: z
    .string()
    .refine(isAcceptableJwksUrl, 'must be an https URL (plain http only on loopback: localhost, 127.0.0.1, [::1])')
    .optional(),
  CUSTOMER_JWT_ISSUER: z.string().min(1).max(1_024).optional(),
});

/** The chat API's part of the host's settings. */
export interface ChatApiSettings {
  api: ChatApiOptions;
  customerTokens: CustomerTokenOptions;
}

/**
 * Reads the chat API's environment variables; a bad value throws a {@link ConfigError} naming the variable,
 * so the host stops at startup with a readable message.
 *
 * | variable | default |
 * | --- | --- |
 * | `CORS_ALLOWED_ORIGINS` | none (same origin only); comma-separated origins or `*` |
 * | `CHAT_MAX_MESSAGE_CHARS` | 4000 |
 * | `CHAT_BODY_LIMIT_BYTES` | 1048576 |
 * | `CHAT_TURNS_PER_MINUTE` | 20 (per customer, else per IP) |
 * | `CHAT_READS_PER_MINUTE` | 60 (`GET /api/chat/:id` and `/stream`, per customer, else per IP) |
 * | `CUSTOMER_JWT_SECRET` | unset: no HS256 customer tokens |
 * | `CUSTOMER_JWKS_URL` | unset: no asymmetric customer tokens; https (http only on loopback) |
 * | `CUSTOMER_JWT_ISSUER` | unset: any `iss`; set: tokens must carry exactly this `iss` |
 */
export function loadChatApiSettings(env: NodeJS.ProcessEnv): ChatApiSettings {
  const e = parseEnvironment(EnvSchema, env);
  return {
    api: {
      ...CHAT_API_DEFAULTS,
      corsAllowedOrigins: parseAllowedOrigins(e.CORS_ALLOWED_ORIGINS),
      ...(e.CHAT_MAX_MESSAGE_CHARS ? { maxMessageChars: e.CHAT_MAX_MESSAGE_CHARS } : {}),
      ...(e.CHAT_BODY_LIMIT_BYTES ? { bodyLimitBytes: e.CHAT_BODY_LIMIT_BYTES } : {}),
      ...(e.CHAT_TURNS_PER_MINUTE ? { turnsPerMinute: e.CHAT_TURNS_PER_MINUTE } : {}),
      ...(e.CHAT_READS_PER_MINUTE ? { readsPerMinute: e.CHAT_READS_PER_MINUTE } : {}),
    },
    customerTokens: {
      ...(e.CUSTOMER_JWT_SECRET ? { secret: e.CUSTOMER_JWT_SECRET } : {}),
      ...(e.CUSTOMER_JWKS_URL ? { jwksUrl: e.CUSTOMER_JWKS_URL } : {}),
      ...(e.CUSTOMER_JWT_ISSUER ? { issuer: e.CUSTOMER_JWT_ISSUER } : {}),
    },
  };
}
