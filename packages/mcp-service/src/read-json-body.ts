import { isJsonContentType } from '@modelcontextprotocol/server';
import express, { type RequestHandler } from 'express';

/** The two `Content-Type` spellings MCP clients send (lower case, spaces removed): the fast path's only input. */
const PLAIN_JSON_TYPES = new Set(['application/json', 'application/json;charset=utf-8']);

/** A body error in the shape `express.json()` reports, so the service's one error handler answers it alike. */
class BodyError extends Error {
  readonly type: string;
  readonly status: number;
  readonly limit: number | undefined;

  constructor(status: number, type: string, message: string, limit?: number) {
    super(message);
    this.status = status;
    this.type = type;
    this.limit = limit;
  }
}

/**
 * Parses a JSON request body into `req.body` (any JSON value; an empty body is `{}`), within `limitBytes`.
 * Plain UTF-8 JSON without a `Content-Encoding`, which is every MCP client's request, is read here: body
 * parsing through `express.json()` (its charset decoding, stream plumbing and type checks) was about a
 * twentieth of a trivial tool call. Anything else (compressed, another charset) goes to `express.json()`
 * as before, and both report errors in its shape (`entity.too.large`, `entity.parse.failed`,
 * `request.aborted`). A body whose type is not JSON is left unread for the endpoint to refuse.
 */
export function readJsonBody(limitBytes: number): RequestHandler {
  const general = express.json({
    limit: limitBytes,
    type: (req) => isJsonContentType(req.headers['content-type']),
    strict: false,
  });
  return (req, res, next) => {
    const type = req.headers['content-type']?.toLowerCase().replaceAll(' ', '');
    const encoding = req.headers['content-encoding'];
    const plain = type !== undefined && PLAIN_JSON_TYPES.has(type);
    if (!plain || (encoding !== undefined && encoding.toLowerCase() !== 'identity')) return general(req, res, next);
    const declared = req.headers['content-length'];
    if (declared !== undefined && Number(declared) > limitBytes) return next(tooLarge(limitBytes));
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const settle = (error?: BodyError) => {
      if (settled) return;
      settled = true;
      req.off('data', onData).off('end', onEnd).off('aborted', onAborted).off('error', onError);
      if (error) {
        // Stop reading, as express.json() does; Node discards the rest once the answer is sent.
        req.unpipe();
        req.pause();
        return next(error);
      }
      next();
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limitBytes) return settle(tooLarge(limitBytes));
      chunks.push(chunk);
    };
    const onEnd = () => {
      try {
        req.body = parseJson(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, received));
      } catch {
        return settle(new BodyError(400, 'entity.parse.failed', 'the body is not valid JSON'));
      }
      settle();
    };
    const onAborted = () => settle(new BodyError(400, 'request.aborted', 'the request was aborted'));
    const onError = (error: Error) => settle(new BodyError(400, 'request.aborted', error.message));
    req.on('data', onData).on('end', onEnd).on('aborted', onAborted).on('error', onError);
  };
}

function tooLarge(limitBytes: number): BodyError {
  return new BodyError(413, 'entity.too.large', 'request entity too large', limitBytes);
}

/** As `express.json({ strict: false })`: a UTF-8 byte order mark is dropped and an empty body is `{}`. */
function parseJson(body: Buffer): unknown {
  const text = body.toString('utf8');
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (text.length === start) return {};
  return JSON.parse(start ? text.slice(start) : text);
}
