import { Writable } from 'node:stream';
import { createLogger } from '../../src/index.ts';
import { createTestIdentity, startTestService, type TestIdentity, type TestService } from '../../src/testing/index.ts';
import { fixtureTools } from './fixture-tools.ts';

/** The fixture tools served under `name`, accepting `identity`'s tokens, with every log line kept in `lines`. */
export interface LoggedFixtureService {
  svc: TestService;
  identity: TestIdentity;
  lines: Record<string, unknown>[];
}

export async function startLoggedFixtureService(name: string): Promise<LoggedFixtureService> {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const identity = await createTestIdentity();
  const svc = await startTestService({
    name,
    version: '1.0.0',
    tools: fixtureTools,
    logger: createLogger({ service: name, level: 'info', destination: sink }),
    settings: { identityPublicKey: identity.publicKey },
  });
  return { svc, identity, lines };
}
