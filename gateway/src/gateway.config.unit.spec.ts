import { describe, expect, it } from '@jest/globals';
import { hashBotToken } from './auth/bot-credentials.js';
import { gatewayConfigFromEnv } from './gateway.config.js';

const tokens = `bot-a:${hashBotToken('secret')}`;

describe('gateway configuration from the environment', () => {
  it('uses defaults and the listed bots', () => {
    const config = gatewayConfigFromEnv({ GATEWAY_BOT_TOKENS: tokens });
    expect(config).toMatchObject({ port: 3001, host: '0.0.0.0', logLevel: 'info' });
    expect([...config.credentials.keys()]).toEqual(['bot-a']);
    expect(config.limits).toMatchObject({ maxBatchEvents: 500, maxBatchBytes: 1_048_576 });
  });

  it.each([
    [{}, 'GATEWAY_BOT_TOKENS is not set'],
    [{ GATEWAY_BOT_TOKENS: 'bot-a' }, 'GATEWAY_BOT_TOKENS entry 1 (bot "bot-a")'],
    [{ GATEWAY_BOT_TOKENS: tokens, PORT: 'http' }, 'PORT must be a port number 0-65535 (got "http")'],
    [{ GATEWAY_BOT_TOKENS: tokens, LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of'],
    [
      { GATEWAY_BOT_TOKENS: tokens, GATEWAY_MAX_BATCH_EVENTS: '5000' },
      'GATEWAY_MAX_BATCH_EVENTS must be an integer from 1 to 500 (got "5000")',
    ],
    [
      { GATEWAY_BOT_TOKENS_FILE: '/nonexistent/tokens' },
      "GATEWAY_BOT_TOKENS_FILE must name a readable file (ENOENT: no such file or directory, open '/nonexistent/tokens')",
    ],
  ])('refuses %j with a clear message', (env, message) => {
    expect(() => gatewayConfigFromEnv(env)).toThrow(message);
  });
});
