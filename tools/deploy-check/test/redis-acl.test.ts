import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLocalSecrets } from '../src/load-compose.ts';
import { requireTool } from '../src/require-tool.ts';

const redisServerAvailable = (() => {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    execFileSync('redis-cli', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const run = requireTool('redis-server', redisServerAvailable, 'apt-get install redis-server');

/**
 * The attack: reach Redis from anywhere on the network and act as any customer by writing turn jobs, or read
 * conversations, or wipe the queue. The ACL file the `local-secrets` step makes (docker/redis/users.acl.template)
 * runs in a real Redis here: without a password only PING works, and each user reaches its own keys only.
 */
describe.runIf(run)('Redis users from docker/redis/users.acl.template, in a real Redis', () => {
  const secrets = makeLocalSecrets();
  const dir = mkdtempSync(join(tmpdir(), 'redis-acl-'));
  let redis: ChildProcess;
  let port = 0;
  const url = (file: string) => new URL(secrets.envFiles.get(file)?.REDIS_URL ?? 'redis://missing');
  /** One command as a user (none: the default user), its reply or error text. */
  const as = (user: { username: string; password: string } | undefined, ...command: string[]) =>
    execFileSync(
      'redis-cli',
      [
        '-p',
        String(port),
        '--no-auth-warning',
        ...(user ? ['--user', user.username, '--pass', decodeURIComponent(user.password)] : []),
        ...command,
      ],
      { encoding: 'utf8' },
    ).trim();
  const host = () => url('host-api.env');
  const docs = () => url('docs-redis.env');

  beforeAll(async () => {
    writeFileSync(join(dir, 'users.acl'), secrets.redisAcl);
    port = await freePort();
    redis = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir, '--aclfile', join(dir, 'users.acl')],
      { stdio: 'ignore' },
    );
    // Up when it answers PING; a bounded wait (50 tries of 100 ms) for a freshly started server.
    for (let attempt = 0; attempt < 50 && safe(() => as(undefined, 'PING')) !== 'PONG'; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
  afterAll(() => {
    redis?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a client without a password PING and nothing else', () => {
    expect(as(undefined, 'GET', 'shopchat:host:bull:shopchat-turns:1')).toMatch(/NOPERM/);
    expect(as(undefined, 'LPUSH', 'shopchat:host:bull:shopchat-turns:wait', 'forged')).toMatch(/NOPERM/);
    expect(as(undefined, 'KEYS', '*')).toMatch(/NOPERM/);
  });

  it('gives a wrong password nothing more than no password', () => {
    // redis-cli goes on as the default user after a failed AUTH: the command is still refused.
    expect(as({ username: 'host', password: 'guessed-password' }, 'GET', 'shopchat:host:probe')).toMatch(/NOPERM/);
  });

  it('lets the host use its own keys only, with no administration', () => {
    expect(as(host(), 'SET', 'shopchat:host:probe', '1')).toBe('OK');
    expect(as(host(), 'SET', 'shopchat:docs-ingestion:probe', '1')).toMatch(/NOPERM/);
    for (const command of [
      ['FLUSHALL'],
      ['CONFIG', 'GET', '*'],
      ['KEYS', '*'],
      ['ACL', 'LIST'],
      ['DEBUG', 'SLEEP', '0'],
    ]) {
      // DEBUG is off in Redis itself since 7; where it is on, the ACL refuses it.
      expect(as(host(), ...command), command.join(' ')).toMatch(/NOPERM|not allowed/);
    }
  });

  it('lets docs use its ingestion queue only: no turn job can be forged from the docs server', () => {
    expect(as(docs(), 'SET', 'shopchat:docs-ingestion:probe', '1')).toBe('OK');
    expect(as(docs(), 'LPUSH', 'shopchat:host:bull:shopchat-turns:wait', 'forged')).toMatch(/NOPERM/);
    expect(as(docs(), 'GET', 'shopchat:host:probe')).toMatch(/NOPERM/);
  });

  it('keeps the KEDA user off unless a password is made for it, and then to LLEN of the wait list', () => {
    expect(secrets.redisAcl).toMatch(/^user keda off .* -@all \+llen \+ping \+hello$/m);
  });
});

function safe(read: () => string): string {
  try {
    return read();
  } catch {
    return '';
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
