import { ConfigError, parseEnvironment } from '@shopchat/mcp-service';
import { z } from 'zod';
import { isAcceptableJwksUrl } from '../identity/jwt-keys.ts';

/** Where hand-offs are sent and the secret both directions are signed with. */
export interface HandoffWebhookSettings {
  url: string;
  secret: string;
}

const EnvSchema = z.object({
  HANDOFF_WEBHOOK_URL: z
    .string()
    .refine(isAcceptableJwksUrl, 'must be an https URL (plain http only on loopback: localhost, 127.0.0.1, [::1])')
    .optional(),
  HANDOFF_WEBHOOK_SECRET: z.string().min(32, 'must be at least 32 characters (use a random secret)').optional(),
});

/**
 * `HANDOFF_WEBHOOK_URL` and `HANDOFF_WEBHOOK_SECRET`; unset URL: no webhook (undefined). The secret is required
 * with the URL, and also signs the helpdesk's replies (`POST /api/handoff/:id/messages`).
 */
export function loadHandoffWebhookSettings(env: NodeJS.ProcessEnv): HandoffWebhookSettings | undefined {
  const e = parseEnvironment(EnvSchema, env);
  if (!e.HANDOFF_WEBHOOK_URL) return undefined;
  if (!e.HANDOFF_WEBHOOK_SECRET) {
    throw new ConfigError(
      'HANDOFF_WEBHOOK_SECRET',
      'is required with HANDOFF_WEBHOOK_URL: a random secret of at least 32 characters, shared with the helpdesk',
    );
  }
  return { url: e.HANDOFF_WEBHOOK_URL, secret: e.HANDOFF_WEBHOOK_SECRET };
}
