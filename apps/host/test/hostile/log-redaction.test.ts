import { Writable } from 'node:stream';
import { createLogger } from '@shopchat/mcp-service';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createApiErrorHandler } from '../../src/http/api-error-handler.ts';
import { logConversationId } from '../../src/http/log-conversation-id.ts';
import { newChatId } from '../chat/support/chat-requests.ts';

/** A logger as `startHost` builds it (the shared service logger, conversation ids hashed), writing to `lines`. */
function hostLogger(lines: string[]) {
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return createLogger({ service: 'host', destination }).child(
    {},
    { serializers: { conversationId: logConversationId } },
  );
}

describe('attack: reading credentials and anonymous chats out of the logs', () => {
  it('redacts credentials under any nesting and any case, leaving the rest and the caller’s object alone', () => {
    const lines: string[] = [];
    const log = hostLogger(lines);
    const request = {
      upstream: { headers: { Authorization: 'Bearer eyJhbGciOi.secret-token', accept: 'text/plain' } },
      attempts: [{ options: { password: 'hunter2', user: 'postgres' } }],
      deep: { a: { b: { cookie: 'session=abc', apiKey: 'sk-live-123', secret: 's3cr3t', token: 't0k3n' } } },
    };
    log.warn(request, 'upstream call failed');
    const line = lines.join('');
    for (const secret of ['secret-token', 'hunter2', 'session=abc', 'sk-live-123', 's3cr3t', 't0k3n']) {
      expect(line).not.toContain(secret);
    }
    const logged = JSON.parse(line);
    expect(logged.upstream.headers).toEqual({ Authorization: '[redacted]', accept: 'text/plain' });
    expect(logged.attempts[0].options.user).toBe('postgres');
    expect(request.upstream.headers.Authorization).toContain('secret-token');
  });

  it('logs a conversation id as a short stable hash, never in full', () => {
    const lines: string[] = [];
    const log = hostLogger(lines);
    const id = newChatId();
    log.error({ conversationId: id }, 'turn runner failed');
    log.error({ conversationId: id }, 'turn runner failed again');
    expect(lines.join('')).not.toContain(id);
    const hashes = lines.map((line) => JSON.parse(line).conversationId);
    expect(hashes[0]).toMatch(/^sha256:[0-9a-f]{12}$/);
    expect(hashes[1]).toBe(hashes[0]);
    expect(hashes[0]).toBe(logConversationId(id));
  });

  it('logs the route pattern of a failed request, not the path holding the conversation id', () => {
    const lines: string[] = [];
    const log = pino(
      { level: 'info' },
      new Writable({
        write(chunk, _e, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const id = newChatId();
    const res = { headersSent: false, status: () => res, json: () => res, set: () => res };
    createApiErrorHandler(log)(
      new Error('boom'),
      { path: `/api/chat/${id}`, route: { path: '/api/chat/:id' }, method: 'GET' } as never,
      res as never,
      () => {},
    );
    expect(lines.join('')).toContain('/api/chat/:id');
    expect(lines.join('')).not.toContain(id);
  });
});
