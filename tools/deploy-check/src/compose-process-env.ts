import type { ComposeService, LocalSecrets } from './load-compose.ts';

/**
 * Every variable a compose service's process sees, with its value: the env files its command loads (in order),
 * then its `environment`, which wins. A file the `local-secrets` step does not write shows as `(missing …)`.
 */
export function composeProcessEnv(service: ComposeService | undefined, secrets: LocalSecrets): Record<string, string> {
  const fromFiles = (service?.command ?? [])
    .filter((arg) => arg.startsWith('--env-file='))
    .map((arg) => secrets.envFiles.get(arg.slice(arg.lastIndexOf('/') + 1)) ?? { [`(missing ${arg})`]: '' });
  return Object.assign({}, ...fromFiles, service?.environment ?? {});
}
