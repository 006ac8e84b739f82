import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventStreamCodec } from '@smithy/eventstream-codec';

// Local stand-ins for Amazon Bedrock and Google Vertex AI at the wire. Each takes the request the provider's
// SDK sends, asks model-sim (which replays a fixture when the request carries its replay header) and answers
// in the provider's own framing: Vertex's streamRawPredict passes the Messages API's SSE through; Bedrock's
// invoke-with-response-stream sends each SSE event as an AWS event-stream `chunk` frame of base64 JSON.

export interface SeenRequest {
  path: string;
  authorization: string | undefined;
  body: Record<string, unknown>;
}

export interface FakeCloudEndpoint {
  url: string;
  seen: SeenRequest[];
  stop(): Promise<void>;
}

const BEDROCK_PATH = /^\/model\/([^/]+)\/invoke-with-response-stream$/;
const VERTEX_PATH = /^\/projects\/[^/]+\/locations\/[^/]+\/publishers\/anthropic\/models\/([^/:]+):streamRawPredict$/;

export function startFakeBedrock(modelSimUrl: string): Promise<FakeCloudEndpoint> {
  const codec = new EventStreamCodec(
    (bytes) => new TextDecoder().decode(bytes),
    (text) => new TextEncoder().encode(text),
  );
  return startFake(BEDROCK_PATH, modelSimUrl, async (upstream, res) => {
    res.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream' });
    for (const data of sseData(await upstream.text())) {
      const payload = JSON.stringify({ bytes: Buffer.from(data).toString('base64') });
      res.write(
        codec.encode({
          headers: {
            ':event-type': { type: 'string', value: 'chunk' },
            ':content-type': { type: 'string', value: 'application/json' },
            ':message-type': { type: 'string', value: 'event' },
          },
          body: new TextEncoder().encode(payload),
        }),
      );
    }
    res.end();
  });
}

export function startFakeVertex(modelSimUrl: string): Promise<FakeCloudEndpoint> {
  return startFake(VERTEX_PATH, modelSimUrl, async (upstream, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.end(await upstream.text());
  });
}

async function startFake(
  path: RegExp,
  modelSimUrl: string,
  answer: (upstream: Response, res: ServerResponse) => Promise<void>,
): Promise<FakeCloudEndpoint> {
  const seen: SeenRequest[] = [];
  const server = createServer(async (req, res) => {
    const model = path.exec(req.url ?? '')?.[1];
    const body = JSON.parse(await readBody(req)) as Record<string, unknown>;
    seen.push({ path: req.url ?? '', authorization: req.headers.authorization, body });
    if (!model) return void res.writeHead(404).end();
    // Both clouds carry the model in the path and the API version in the body; the Messages API wants them in the body and a header.
    const { anthropic_version: _version, ...rest } = body;
    const upstream = await fetch(`${modelSimUrl}/v1/messages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'anthropic-version': '2023-06-01',
        ...forwarded(req, 'x-model-sim-replay'),
        ...forwarded(req, 'x-model-sim-fail'),
      },
      body: JSON.stringify({ ...rest, model: decodeURIComponent(model), stream: true }),
    });
    if (upstream.status !== 200) {
      // An error status passes through with its body and its retry-after, as the clouds answer throttling.
      const retryAfter = upstream.headers.get('retry-after');
      res.writeHead(upstream.status, {
        'content-type': 'application/json',
        ...(retryAfter ? { 'retry-after': retryAfter } : {}),
      });
      return void res.end(await upstream.text());
    }
    await answer(upstream, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function forwarded(req: IncomingMessage, name: string): Record<string, string> {
  const value = req.headers[name];
  return typeof value === 'string' ? { [name]: value } : {};
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

/** The `data:` of each event of an SSE body, in order. */
function sseData(body: string): string[] {
  return body
    .split('\n\n')
    .flatMap((frame) => frame.split('\n').filter((line) => line.startsWith('data: ')))
    .map((line) => line.slice('data: '.length));
}
