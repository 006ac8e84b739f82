// `npm start`: the whole product on embedded defaults, one child process per deployable, as in production:
// the three MCP servers, model-sim (when there is no ANTHROPIC_API_KEY) and the host. The identity key
// pair and the customer-token secret are made up here when unset, so tokens verify exactly as they would
// in a deployment; the demo customers' tokens are printed. Each part gets only its own secrets (decision 0022):
// the servers the public key, the host the private key and the customer secret, model-sim none.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mintDemoCustomerTokens, mintStaffToken } from '@shopchat/host';
import { generateIdentityKeyPair } from '@shopchat/mcp-service';

interface Part {
  name: string;
  workspace: string;
  port: number;
  env?: Record<string, string>;
}

const useModelSim = !process.env.ANTHROPIC_API_KEY;
const keys = process.env.MCP_IDENTITY_PUBLIC_KEY ? undefined : await generateIdentityKeyPair();
const customerSecret = process.env.CUSTOMER_JWT_SECRET ?? randomBytes(32).toString('hex');
/** Secrets that only one part may hold, whatever this shell's environment has. */
const SECRETS = [
  'MCP_IDENTITY_PRIVATE_KEY',
  'MCP_IDENTITY_PUBLIC_KEY',
  'MCP_SERVICE_TOKEN',
  'CUSTOMER_JWT_SECRET',
  'CONSOLE_JWT_SECRET',
  'ANTHROPIC_API_KEY',
];
const sharedEnv: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !SECRETS.includes(name)),
);
const publicKey = keys?.publicKey ?? (process.env.MCP_IDENTITY_PUBLIC_KEY as string);
const privateKey = keys?.privateKey ?? process.env.MCP_IDENTITY_PRIVATE_KEY;
/** Unset by default (loopback only); when given, the servers demand it and the host sends it. */
const serviceToken: Record<string, string> = process.env.MCP_SERVICE_TOKEN
  ? { MCP_SERVICE_TOKEN: process.env.MCP_SERVICE_TOKEN }
  : {};
const serverEnv = { MCP_IDENTITY_PUBLIC_KEY: publicKey, ...serviceToken };
const consoleSecret = process.env.CONSOLE_JWT_SECRET ?? randomBytes(32).toString('hex');

const PARTS: Part[] = [
  { name: 'orders', workspace: 'services/orders', port: 3101, env: serverEnv },
  { name: 'products', workspace: 'services/products', port: 3102, env: serverEnv },
  { name: 'docs', workspace: 'services/docs', port: 3103, env: serverEnv },
  // A realistic pace for a demo: ~0.4 s to the first token, then ~80 tokens per second.
  ...(useModelSim
    ? [
        {
          name: 'model-sim',
          workspace: 'packages/model-sim',
          port: 3200,
          env: {
            MODEL_SIM_TTFT_MS: process.env.MODEL_SIM_TTFT_MS ?? '400',
            MODEL_SIM_TOKENS_PER_S: process.env.MODEL_SIM_TOKENS_PER_S ?? '80',
          },
        },
      ]
    : []),
  {
    name: 'host',
    workspace: 'apps/host',
    port: 3000,
    env: {
      ...(privateKey ? { MCP_IDENTITY_PRIVATE_KEY: privateKey } : {}),
      ...serviceToken,
      ...(process.env.ANTHROPIC_API_KEY ? { ANTHROPIC_API_KEY: process.env.ANTHROPIC_API_KEY } : {}),
      CUSTOMER_JWT_SECRET: customerSecret,
      CONSOLE_JWT_SECRET: consoleSecret,
      // The demo page at / switches between anonymous, Alice and Bob with these.
      SERVE_DEMO_TOKENS: 'true',
      ...(useModelSim ? { ANTHROPIC_BASE_URL: process.env.ANTHROPIC_BASE_URL ?? 'http://127.0.0.1:3200' } : {}),
    },
  },
];

const children = new Map<string, ChildProcess>();
let stopping = false;

function startPart(part: Part): void {
  const child = spawn(process.execPath, ['src/main.ts'], {
    cwd: new URL(`../${part.workspace}/`, import.meta.url),
    env: { ...sharedEnv, ...part.env, PORT: String(part.port) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.set(part.name, child);
  child.on('exit', (code, signal) => {
    children.delete(part.name);
    if (!stopping) {
      // The others keep serving, as replicas would in a cluster; the part can be restarted on its own.
      console.error(
        `\n${part.name} exited (${signal ?? `code ${code}`}). The other parts keep running; restart it alone with: PORT=${part.port} npm start -w ${part.workspace}\n`,
      );
    }
    if (children.size === 0) process.exit(process.exitCode ?? (stopping ? 0 : 1));
  });
}

/** Waits for a part's /readyz, so the host finds its servers up and the demo's first chat has tools. */
async function ready(part: Part, timeoutMs = 90_000): Promise<boolean> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs && children.has(part.name)) {
    if (
      await fetch(`http://127.0.0.1:${part.port}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

// The widget and the staff console are bundled once (esbuild, well under a second each), so the host can
// serve /widget.js and /console/.
for (const [app, what] of [
  ['widget', '/widget.js will answer 404'],
  ['console', '/console/ will not be served'],
] as const) {
  const build = spawnSync(process.execPath, ['scripts/build.ts'], {
    cwd: new URL(`../apps/${app}/`, import.meta.url),
    stdio: 'inherit',
  });
  if (build.status !== 0) console.error(`The ${app} did not build; ${what}.`);
}

const host = PARTS.find((part) => part.name === 'host') as Part;
const backends = PARTS.filter((part) => part !== host);
for (const part of backends) startPart(part);
for (const part of backends) {
  if (!(await ready(part))) console.error(`${part.name} is not ready yet; the host will pick it up when it is.`);
}
startPart(host);
await ready(host);

const tokens = await mintDemoCustomerTokens(customerSecret);
process.stderr.write(
  [
    '',
    'Northwind Outfitters support backend is running:',
    ...PARTS.map(
      (part) =>
        `  ${part.name.padEnd(10)} http://127.0.0.1:${part.port}${part.name === 'host' ? '' : part.name === 'model-sim' ? '/v1/messages' : '/mcp'}`,
    ),
    '',
    'Demo shop with the chat widget: http://127.0.0.1:3000/',
    `Chat API: http://127.0.0.1:3000/api/chat   tools: http://127.0.0.1:3000/api/tools`,
    useModelSim ? 'Model: model-sim (offline demo model; set ANTHROPIC_API_KEY to use Claude)' : 'Model: Claude',
    'Demo customer tokens (Authorization: Bearer …, valid 12 h):',
    `  cust_alice  ${tokens.cust_alice}`,
    `  cust_bob    ${tokens.cust_bob}`,
    'Staff console: http://127.0.0.1:3000/console/   demo staff token (staff_dana, admin, valid 12 h):',
    `  ${await mintStaffToken({ secret: consoleSecret })}`,
    'Ctrl+C stops everything.',
    '',
  ].join('\n'),
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop(0));

function stop(code: number) {
  if (stopping) return;
  stopping = true;
  process.exitCode = code;
  for (const child of children.values()) child.kill('SIGTERM');
  if (children.size === 0) process.exit(code);
}
