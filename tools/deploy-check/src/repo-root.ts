import { fileURLToPath } from 'node:url';

/** The repository's root folder, where docker-compose.yml, docker/ and k8s/ live. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
