import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool, toolResult } from '../src/index.ts';
import { startTestService } from '../src/testing/index.ts';
import { callToolMessage, postMcp } from './support/raw-mcp.ts';

const pause = defineTool({
  name: 'pause',
  title: 'Pause',
  description: 'Answers after a short pause.',
  input: z.strictObject({ ms: z.number().int().max(2000) }),
  output: z.object({ waited: z.number() }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  needsCustomer: false,
  handler: async ({ ms }) => {
    await sleep(ms);
    return toolResult({ waited: ms }, `waited ${ms} ms`);
  },
});

describe('graceful shutdown', () => {
  it('finishes in-flight calls, reports draining, then refuses new connections', async () => {
    const svc = await startTestService({ name: 'drain', version: '1.0.0', tools: [pause] });
    const base = svc.url.replace('/mcp', '');
    const inFlight = postMcp(svc.url, callToolMessage('pause', { ms: 400 }));
    await sleep(50);
    const stopped = svc.stop();
    const readiness = await fetch(`${base}/readyz`).catch(() => undefined);
    // Either the probe saw "draining" or the listener was already closed to new connections.
    if (readiness) expect(readiness.status).toBe(503);
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ result: { structuredContent: { waited: 400 } } });
    await stopped;
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });
});
