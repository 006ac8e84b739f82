import { randomBytes } from 'node:crypto';
import { createTestIdentity } from '@shopchat/mcp-service/testing';
import { mintDemoCustomerTokens } from '../../../src/identity/demo-customer-tokens.ts';
import { type RunningHost, startHost } from '../../../src/start-host.ts';

export interface HostsWithoutShopTools {
  /** Starts one more host with these extra settings; the caller stops it. */
  start(env?: Record<string, string>): Promise<RunningHost>;
  /** Demo customers' tokens, valid on every host started here. */
  tokens: { cust_alice: string; cust_bob: string };
}

/**
 * All-in-one hosts in this process as `npm start` runs them (no Redis), answering with model-sim at `simUrl`,
 * sharing one identity key and customer secret. Their one MCP server is down (nobody listens there): the
 * hand-off tool is the host's own and needs none.
 */
export async function hostsWithoutShopTools(simUrl: string): Promise<HostsWithoutShopTools> {
  const identity = await createTestIdentity();
  const customerSecret = randomBytes(32).toString('hex');
  const { cust_alice, cust_bob } = await mintDemoCustomerTokens(customerSecret);
  return {
    tokens: { cust_alice, cust_bob },
    start: (env = {}) =>
      startHost({
        PORT: '0',
        METRICS_PORT: '0',
        LOG_LEVEL: 'silent',
        MCP_SERVERS: 'orders=http://127.0.0.1:9/mcp',
        MCP_IDENTITY_PRIVATE_KEY: identity.privateKey,
        CUSTOMER_JWT_SECRET: customerSecret,
        ANTHROPIC_BASE_URL: simUrl,
        ...env,
      }),
  };
}
