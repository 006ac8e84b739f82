// docker-compose.yml's `local-secrets` step: makes up this machine's secrets once, so `docker compose up` needs
// no setup and no secret is ever committed. The files live in the `local-secrets` volume; each process reads only
// its own with `node --env-file` (a variable set in compose's environment wins over the file).
//
//   host-api.env     CUSTOMER_JWT_SECRET, TURN_JOB_SECRET, CONSOLE_JWT_SECRET, REDIS_URL (user host) (the chat API)
//   host-worker.env  MCP_SERVICE_TOKEN, MCP_IDENTITY_PRIVATE_KEY, TURN_JOB_SECRET, REDIS_URL (the turn workers)
//   mcp.env          MCP_SERVICE_TOKEN, MCP_IDENTITY_PUBLIC_KEY                        (the MCP servers: no private key)
//   docs-redis.env   REDIS_URL (user docs: the ingestion queue only)                    (the docs server)
//   redis/users.acl  Redis's users (docker/redis/users.acl.template), read by Redis itself
//   model.env        ANTHROPIC_BASE_URL of model-sim, only without ANTHROPIC_API_KEY     (rewritten on every `up`)
//
// Uses node:crypto alone: it runs in a plain node image with this file mounted, before any dependency exists.
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The runtime images' user (distroless `nonroot`), which must read the files this step writes as root. */
const RUNTIME_UID = 65_532;
/** The redis image's `redis` user, which reads the ACL file. */
const REDIS_UID = 999;
/** model-sim's address on the compose network (docs/architecture.md#processes-and-ports: port 3200). */
const MODEL_SIM_URL = 'http://model-sim:3200';
/** Redis on the compose network. */
const REDIS_ADDRESS = 'redis:6379';
/** Beside this file in the repository; compose mounts it at the same relative place. */
const ACL_TEMPLATE = join(dirname(fileURLToPath(import.meta.url)), '../redis/users.acl.template');

const dir = process.argv[2] ?? '/secrets';
const FILES = ['host-api.env', 'host-worker.env', 'mcp.env', 'docs-redis.env', 'redis/users.acl'];
mkdirSync(join(dir, 'redis'), { recursive: true });

if (FILES.every((file) => existsSync(join(dir, file)))) {
  console.warn(`local secrets: kept the ones in ${dir} (docker compose down -v makes new ones)`);
} else {
  const serviceToken = randomBytes(32).toString('base64url');
  const turnJobSecret = randomBytes(32).toString('base64url');
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const redisPasswords = { host: randomBytes(24).toString('hex'), docs: randomBytes(24).toString('hex') };
  const redisUrl = (user: keyof typeof redisPasswords) => `redis://${user}:${redisPasswords[user]}@${REDIS_ADDRESS}`;
  writeEnvFile('host-api.env', {
    CUSTOMER_JWT_SECRET: randomBytes(32).toString('hex'),
    TURN_JOB_SECRET: turnJobSecret,
    // The staff console's token secret: mint a token with apps/host's mintStaffToken and this value.
    CONSOLE_JWT_SECRET: randomBytes(32).toString('hex'),
    REDIS_URL: redisUrl('host'),
  });
  writeEnvFile('host-worker.env', {
    MCP_SERVICE_TOKEN: serviceToken,
    MCP_IDENTITY_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    TURN_JOB_SECRET: turnJobSecret,
    REDIS_URL: redisUrl('host'),
  });
  writeEnvFile('mcp.env', {
    MCP_SERVICE_TOKEN: serviceToken,
    MCP_IDENTITY_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  });
  writeEnvFile('docs-redis.env', { REDIS_URL: redisUrl('docs') });
  writeRedisAcl(redisPasswords);
  console.warn(`local secrets: made the service token, identity keys, customer and job secrets, Redis users in ${dir}`);
}

// With a key the host calls Claude (or ANTHROPIC_BASE_URL if the user gave one); without, model-sim.
const useModelSim = !process.env.ANTHROPIC_API_KEY && !process.env.ANTHROPIC_BASE_URL;
writeEnvFile('model.env', useModelSim ? { ANTHROPIC_BASE_URL: MODEL_SIM_URL } : {});
console.warn(useModelSim ? `model: model-sim at ${MODEL_SIM_URL} (no ANTHROPIC_API_KEY)` : 'model: Claude');

/** One `NAME="value"` line each; a PEM's line breaks as `\n`, which Node's env-file parser turns back. */
function writeEnvFile(name: string, values: Record<string, string>): void {
  const lines = Object.entries(values).map(([key, value]) => `${key}="${value.trim().replaceAll('\n', '\\n')}"`);
  writeOwnFile(name, lines.length > 0 ? `${lines.join('\n')}\n` : '', RUNTIME_UID);
}

/** The template's users, each password as its SHA-256 (Redis never sees it in clear); users without one: off. */
function writeRedisAcl(passwords: Record<string, string>): void {
  const lines = readFileSync(ACL_TEMPLATE, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('user '))
    .map((line) => {
      const password = passwords[line.split(' ')[1] as string];
      if (!line.includes('%PASSWORD%')) return line;
      return password
        ? line.replace('%PASSWORD%', `#${createHash('sha256').update(password).digest('hex')}`)
        : line.replace(' on %PASSWORD%', ' off');
    });
  writeOwnFile('redis/users.acl', `${lines.join('\n')}\n`, REDIS_UID);
}

function writeOwnFile(name: string, content: string, uid: number): void {
  const file = join(dir, name);
  writeFileSync(file, content, { mode: 0o400 });
  if (process.getuid?.() === 0) chownSync(file, uid, uid);
}
