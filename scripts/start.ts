// `npm start`: the whole product on embedded defaults, one child process per deployable, as in production.
// Today: the orders, products and docs MCP servers. Each part gets the identity public key made up here, so host-signed
// customer tokens verify exactly as they would in a deployment.
import { type ChildProcess, spawn } from 'node:child_process';
import { generateIdentityKeyPair } from '@shopchat/mcp-service';

interface Part {
  name: string;
  workspace: string;
  port: number;
}

const PARTS: Part[] = [
  { name: 'orders', workspace: 'services/orders', port: 3101 },
  { name: 'products', workspace: 'services/products', port: 3102 },
  { name: 'docs', workspace: 'services/docs', port: 3103 },
];

const keys = process.env.MCP_IDENTITY_PUBLIC_KEY ? undefined : await generateIdentityKeyPair();
const sharedEnv = {
  ...process.env,
  ...(keys ? { MCP_IDENTITY_PUBLIC_KEY: keys.publicKey, MCP_IDENTITY_PRIVATE_KEY: keys.privateKey } : {}),
};

const children = new Map<string, ChildProcess>();
let stopping = false;

for (const part of PARTS) {
  const child = spawn(process.execPath, ['src/main.ts'], {
    cwd: new URL(`../${part.workspace}/`, import.meta.url),
    env: { ...sharedEnv, PORT: String(part.port) },
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

process.stderr.write(
  [
    '',
    'Northwind Outfitters support backend is starting:',
    ...PARTS.map((part) => `  ${part.name.padEnd(10)} http://127.0.0.1:${part.port}/mcp`),
    '  Try: npx @modelcontextprotocol/inspector --cli http://127.0.0.1:3101/mcp --method tools/list',
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
