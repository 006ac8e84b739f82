import { describe, expect, it } from 'vitest';
import { composeProcessEnv } from '../src/compose-process-env.ts';
import { loadCompose, makeLocalSecrets } from '../src/load-compose.ts';

const { services, networks = {} } = loadCompose();
const secrets = makeLocalSecrets();
const env = (name: string) => composeProcessEnv(services[name], secrets);
const MCP_SERVERS = ['orders', 'products', 'docs'];

/** Whether two compose services share a network, i.e. one can open a connection to the other. */
const reaches = (from: string, to: string) =>
  (services[from]?.networks ?? ['default']).some((network) =>
    (services[to]?.networks ?? ['default']).includes(network),
  );

/**
 * The attacks of decision 0022 on `docker compose up`: whoever takes over the internet-facing chat API finds no key
 * to sign identities with and no route to the MCP servers; whoever reaches Redis without its password reads nothing.
 */
describe('docker-compose.yml: each process holds only its own secrets and reaches only what it needs', () => {
  it('gives the chat API no MCP or model secret and no MCP server address', () => {
    const api = env('host-api');
    for (const name of ['MCP_IDENTITY_PRIVATE_KEY', 'MCP_SERVICE_TOKEN', 'ANTHROPIC_API_KEY', 'MCP_SERVERS']) {
      expect(Object.keys(api), name).not.toContain(name);
    }
    expect(Object.keys(env('host-worker'))).not.toContain('CUSTOMER_JWT_SECRET');
    // The job signature: one secret, the same in both roles (the API signs, the worker verifies).
    expect(api.TURN_JOB_SECRET).toMatch(/^.{32,}$/);
    expect(env('host-worker').TURN_JOB_SECRET).toBe(api.TURN_JOB_SECRET);
    for (const name of MCP_SERVERS) expect(Object.keys(env(name))).not.toContain('MCP_IDENTITY_PRIVATE_KEY');
  });

  it('lets only the worker reach the MCP servers and model-sim; the API reaches Redis only', () => {
    for (const target of [...MCP_SERVERS, 'model-sim']) {
      const from = Object.keys(services).filter((name) => name !== target && reaches(name, target));
      expect(
        from.filter((name) => name.startsWith('host')),
        target,
      ).toEqual(['host-worker']);
    }
    const apiPeers = Object.keys(services).filter((name) => name !== 'host-api' && reaches('host-api', name));
    expect(apiPeers.sort()).toEqual(['host-worker', 'postgres', 'redis']);
  });

  it('lets only the host roles and docs reach Redis, and only the servers, their seeds and the host reach PostgreSQL', () => {
    const redisPeers = Object.keys(services).filter((name) => name !== 'redis' && reaches(name, 'redis'));
    expect(redisPeers.sort()).toEqual(['docs', 'host-api', 'host-worker']);
    const postgresPeers = Object.keys(services).filter((name) => name !== 'postgres' && reaches(name, 'postgres'));
    expect(postgresPeers.sort()).toEqual([
      'docs',
      'docs-seed',
      'host-api',
      'host-worker',
      'orders',
      'orders-seed',
      'products',
      'products-seed',
    ]);
  });

  it('gives both host roles the conversation record’s database, and the staff console’s secret to the API only', () => {
    const api = env('host-api');
    const worker = env('host-worker');
    // One database of the host's own, shared by every replica of both roles (decision 0025).
    expect(new URL(api.DATABASE_URL ?? 'missing:').pathname).toBe('/host');
    expect(worker.DATABASE_URL).toBe(api.DATABASE_URL);
    expect(services.postgres?.volumes?.join(' ')).toContain('create-databases.sql');
    expect(api.CONSOLE_JWT_SECRET).toMatch(/^.{32,}$/);
    expect(Object.keys(worker)).not.toContain('CONSOLE_JWT_SECRET');
    expect(services['host-api']?.depends_on?.postgres?.condition).toBe('service_healthy');
  });

  it('gives no network a route out except those of the published ports and the worker’s way to the model', () => {
    const open = Object.entries(networks)
      .filter(([, network]) => !network?.internal)
      .map(([name]) => name);
    for (const name of open) {
      const members = Object.keys(services).filter((service) => services[service]?.networks?.includes(name));
      expect(members.length, `${name}: one member`).toBe(1);
      const [member] = members as [string];
      expect((services[member]?.ports ?? []).length > 0 || member === 'host-worker', `${name}: ${member}`).toBe(true);
    }
  });

  it('runs Redis with its ACL file, and every process connects as its own user with a password', () => {
    expect(services.redis?.command).toEqual(expect.arrayContaining(['--aclfile', '/run/shopchat/redis/users.acl']));
    const users = Object.fromEntries(
      ['host-api', 'host-worker', 'docs'].map((name) => {
        const url = new URL(env(name).REDIS_URL ?? 'redis://missing');
        expect(url.password.length, name).toBeGreaterThanOrEqual(32);
        return [name, url.username];
      }),
    );
    expect(users).toEqual({ 'host-api': 'host', 'host-worker': 'host', docs: 'docs' });
    // The default user (no password) may only PING: health checks, nothing else.
    expect(secrets.redisAcl).toMatch(/^user default on nopass resetkeys resetchannels -@all \+ping$/m);
  });
});
