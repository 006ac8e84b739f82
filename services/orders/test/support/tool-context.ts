import { randomBytes } from 'node:crypto';
import { createLogger, type ToolContext } from '@shopchat/mcp-service';

/**
 * What the kit hands a handler for a signed-in customer. Tools are called in-process here; the HTTP path
 * (identity tokens, argument validation on the wire) is covered by the service's integration tests.
 */
export function customerContext(customerId: string): ToolContext<true> {
  const traceId = randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  return {
    caller: { kind: 'customer', customerId },
    log: createLogger({ service: 'orders-test', level: 'silent' }),
    signal: new AbortController().signal,
    deadline: Date.now() + 10_000,
    trace: { traceId, spanId, traceparent: `00-${traceId}-${spanId}-01` },
  };
}
