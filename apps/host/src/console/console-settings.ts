import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseEnvironment } from '@shopchat/mcp-service';
import { z } from 'zod';

/** The built console page (`npm run build -w apps/console`). */
export const CONSOLE_DIST_DIR = fileURLToPath(new URL('../../../console/dist', import.meta.url));

export interface ConsoleSettings {
  /** `CONSOLE_JWT_SECRET`: HS256 secret of staff tokens (≥ 32 characters; checked by the verifier). */
  secret?: string;
  /** `CONSOLE_JWKS_URL`: public keys of the staff sign-in. */
  jwksUrl?: string;
  /** Where the console page is; unset when it has not been built (the API still answers). */
  consoleDir?: string;
}

const EnvSchema = z.object({
  CONSOLE_JWT_SECRET: z.string().min(1).optional(),
  CONSOLE_JWKS_URL: z.string().min(1).optional(),
  CONSOLE_DIR: z.string().min(1).optional(),
});

/** Reads the staff console's settings; a bad one throws a ConfigError naming the variable. */
export function loadConsoleSettings(env: NodeJS.ProcessEnv): ConsoleSettings {
  const e = parseEnvironment(EnvSchema, env);
  const consoleDir = e.CONSOLE_DIR ?? CONSOLE_DIST_DIR;
  return {
    ...(e.CONSOLE_JWT_SECRET ? { secret: e.CONSOLE_JWT_SECRET } : {}),
    ...(e.CONSOLE_JWKS_URL ? { jwksUrl: e.CONSOLE_JWKS_URL } : {}),
    ...(existsSync(consoleDir) ? { consoleDir } : {}),
  };
}
