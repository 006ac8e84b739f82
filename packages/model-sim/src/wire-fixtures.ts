import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { ApiError } from './api-error.ts';

/** The request header that makes model-sim answer with a recorded wire fixture instead of planning a reply. */
export const REPLAY_HEADER = 'x-model-sim-replay';

/** The folder of recorded answers: `<name>.sse` (a 200 event stream, byte for byte) or `<name>.json` (any other response). */
export const WIRE_FIXTURES_DIR = new URL('../fixtures/wire/', import.meta.url);

/** A non-stream fixture: the status, headers and JSON body the real API answers with (a 429, for instance). */
const responseFixtureSchema = z.object({
  status: z.number().int().min(200).max(599),
  headers: z.record(z.string(), z.string()),
  body: z.unknown(),
});

export type WireFixture =
  | { kind: 'stream'; bytes: Buffer }
  | { kind: 'response'; status: number; headers: Record<string, string>; body: unknown };

/** Reads every fixture once, at startup: a bad fixture file fails loudly there, not in the middle of a test. */
export function loadWireFixtures(dir: URL = WIRE_FIXTURES_DIR): Map<string, WireFixture> {
  const fixtures = new Map<string, WireFixture>();
  for (const file of readdirSync(dir)) {
    const name = basename(file, extname(file));
    const text = readFileSync(new URL(file, dir));
    if (file.endsWith('.sse')) fixtures.set(name, { kind: 'stream', bytes: text });
    else if (file.endsWith('.json')) {
      const parsed = responseFixtureSchema.safeParse(JSON.parse(text.toString('utf8')));
      if (!parsed.success) throw new Error(`wire fixture ${file}: ${parsed.error.message}`);
      fixtures.set(name, { kind: 'response', ...parsed.data });
    }
  }
  return fixtures;
}

/**
 * `x-model-sim-replay: <name>` answers that one request with the named fixture, exactly as recorded; other
 * requests are planned as usual. model-sim keeps no state between requests, so a test that wants a sequence
 * (a fixture, then a normal answer) sets the header on the requests it chooses.
 */
export function replayWireFixture(fixtures: Map<string, WireFixture>): RequestHandler {
  return (req, res, next) => {
    const name = req.get(REPLAY_HEADER)?.trim();
    if (!name) return next();
    const fixture = fixtures.get(name);
    if (!fixture) {
      const known = [...fixtures.keys()].sort().join(', ');
      return next(new ApiError(400, `${REPLAY_HEADER}: no wire fixture named "${name}"; known: ${known}.`));
    }
    if (fixture.kind === 'response') {
      res.status(fixture.status).set(fixture.headers).send(JSON.stringify(fixture.body));
      return;
    }
    if (req.body?.stream !== true) {
      return next(new ApiError(400, `${REPLAY_HEADER}: "${name}" is a recorded stream; send "stream": true.`));
    }
    res.status(200);
    res.setHeader('content-type', 'text/event-stream; charset=utf-8');
    res.setHeader('cache-control', 'no-cache');
    res.end(fixture.bytes);
  };
}
