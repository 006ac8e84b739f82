import { describe, expect, it } from 'vitest';
import { loadChatApiSettings } from '../../src/http/chat-api-settings.ts';
import { CHAT_API_DEFAULTS } from '../../src/http/create-chat-routes.ts';

describe('chat API settings', () => {
  it('has working defaults with nothing set', () => {
    const settings = loadChatApiSettings({});
    expect(settings.api).toEqual({ ...CHAT_API_DEFAULTS, corsAllowedOrigins: [] });
    expect(settings.customerTokens).toEqual({});
  });

  it('reads every variable', () => {
    const settings = loadChatApiSettings({
      CORS_ALLOWED_ORIGINS: 'https://shop.example',
      CHAT_MAX_MESSAGE_CHARS: '2000',
      CHAT_BODY_LIMIT_BYTES: '65536',
      CHAT_TURNS_PER_MINUTE: '5',
      CUSTOMER_JWT_SECRET: 's'.repeat(32),
      CUSTOMER_JWKS_URL: 'https://shop.example/.well-known/jwks.json',
      CHAT_UNRELATED: 'ignored',
    });
    expect(settings.api).toMatchObject({
      corsAllowedOrigins: ['https://shop.example'],
      maxMessageChars: 2000,
      bodyLimitBytes: 65536,
      turnsPerMinute: 5,
    });
    expect(settings.customerTokens).toEqual({
      secret: 's'.repeat(32),
      jwksUrl: 'https://shop.example/.well-known/jwks.json',
    });
  });

  it.each([
    [{ CHAT_MAX_MESSAGE_CHARS: 'lots' }, 'CHAT_MAX_MESSAGE_CHARS'],
    [{ CHAT_TURNS_PER_MINUTE: '0' }, 'CHAT_TURNS_PER_MINUTE'],
    [{ CUSTOMER_JWT_SECRET: 'short' }, 'CUSTOMER_JWT_SECRET'],
    [{ CUSTOMER_JWKS_URL: 'ftp://keys' }, 'CUSTOMER_JWKS_URL'],
    [{ CORS_ALLOWED_ORIGINS: 'https://shop.example/path' }, 'CORS_ALLOWED_ORIGINS'],
  ])('stops on %o, naming the variable', (env, variable) => {
    expect(() => loadChatApiSettings(env)).toThrow(new RegExp(`^${variable} `));
  });
});
