// docker-compose.yml's `local-secrets` step: makes up this machine's secrets once, so `docker compose up` needs
// no setup and no secret is ever committed. The files live in the `local-secrets` volume; each process reads its
// own with `node --env-file` (a variable set in compose's environment wins over the file).
//
//   host.env  MCP_SERVICE_TOKEN, MCP_IDENTITY_PRIVATE_KEY, CUSTOMER_JWT_SECRET   (host API and worker)
//   mcp.env   MCP_SERVICE_TOKEN, MCP_IDENTITY_PUBLIC_KEY                         (the MCP servers: no private key)
//   model.env ANTHROPIC_BASE_URL of model-sim, only without ANTHROPIC_API_KEY    (rewritten on every `up`)
//
// Uses node:crypto alone: it runs in the host image with this file mounted, before any dependency exists.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chownSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The runtime images' user (distroless `nonroot`), which must read the files this step writes as root. */
const RUNTIME_UID = 65_532;
/** model-sim's address on the compose network (docs/architecture.md#processes-and-ports: port 3200). */
const MODEL_SIM_URL = 'http://model-sim:3200';

const dir = process.argv[2] ?? '/secrets';

if (existsSync(join(dir, 'host.env')) && existsSync(join(dir, 'mcp.env'))) {
  console.warn(`local secrets: kept the ones in ${dir} (docker compose down -v makes new ones)`);
} else {
  const serviceToken = randomBytes(32).toString('base64url');
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  writeEnvFile('host.env', {
    MCP_SERVICE_TOKEN: serviceToken,
    MCP_IDENTITY_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    CUSTOMER_JWT_SECRET: randomBytes(32).toString('hex'),
  });
  writeEnvFile('mcp.env', {
    MCP_SERVICE_TOKEN: serviceToken,
    MCP_IDENTITY_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  });
  console.warn(`local secrets: made a service token, an identity key pair and a customer-token secret in ${dir}`);
}

// With a key the host calls Claude (or ANTHROPIC_BASE_URL if the user gave one); without, model-sim.
const useModelSim = !process.env.ANTHROPIC_API_KEY && !process.env.ANTHROPIC_BASE_URL;
writeEnvFile('model.env', useModelSim ? { ANTHROPIC_BASE_URL: MODEL_SIM_URL } : {});
console.warn(useModelSim ? `model: model-sim at ${MODEL_SIM_URL} (no ANTHROPIC_API_KEY)` : 'model: Claude');

/** One `NAME="value"` line each; a PEM's line breaks as `\n`, which Node's env-file parser turns back. */
function writeEnvFile(name: string, values: Record<string, string>): void {
  const file = join(dir, name);
  const lines = Object.entries(values).map(([key, value]) => `${key}="${value.trim().replaceAll('\n', '\\n')}"`);
  writeFileSync(file, lines.length > 0 ? `${lines.join('\n')}\n` : '', { mode: 0o400 });
  if (process.getuid?.() === 0) chownSync(file, RUNTIME_UID, RUNTIME_UID);
}
