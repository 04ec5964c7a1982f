import { describe, expect, it } from '@jest/globals';
import {
  botCredentialsFromTokens,
  hashBotToken,
  parseBotCredentials,
  verifyBotToken,
} from './bot-credentials.js';
import { parseBotHandshake } from './bot-handshake.js';

const guild = '1234567890123456789';

describe('bot credentials', () => {
  it('parses botId:sha256 pairs and verifies the matching token only', () => {
    const credentials = parseBotCredentials(
      ` bot-a:${hashBotToken('alpha')}, bot-b:${hashBotToken('beta').toUpperCase()} ,`,
    );
    expect(verifyBotToken(credentials, 'bot-a', 'alpha')).toBe(true);
    expect(verifyBotToken(credentials, 'bot-b', 'beta')).toBe(true);
    expect(verifyBotToken(credentials, 'bot-a', 'beta')).toBe(false);
    expect(verifyBotToken(credentials, 'bot-c', 'alpha')).toBe(false);
    expect(verifyBotToken(botCredentialsFromTokens({ x: 'y' }), 'x', 'y')).toBe(true);
  });

  it('names the bad entry of a malformed GATEWAY_BOT_TOKENS', () => {
    expect(() => parseBotCredentials('')).toThrow('GATEWAY_BOT_TOKENS is empty');
    expect(() => parseBotCredentials('bot-a:abc')).toThrow(
      'GATEWAY_BOT_TOKENS entry 1 (bot "bot-a"): expected the token\'s SHA-256 as 64 hex characters after ":"',
    );
    expect(() => parseBotCredentials(`bot a:${hashBotToken('x')}`)).toThrow('entry 1: bot id "bot a"');
    expect(() => parseBotCredentials(`b:${hashBotToken('x')},b:${hashBotToken('y')}`)).toThrow(
      'lists bot "b" twice',
    );
  });
});

describe('bot handshake', () => {
  const valid = { token: 't', botId: 'bot-a', shardId: 0, guildIds: [guild] };

  it('accepts a complete auth and parses the resume position', () => {
    const parsed = parseBotHandshake({ ...valid, guildIds: [guild, guild], configPosition: '42' });
    expect(parsed).toEqual({
      ok: true,
      handshake: {
        token: 't',
        botId: 'bot-a',
        shardId: 0,
        guildIds: new Set([guild]),
        configPosition: { commit: 42n, prepare: 42n },
      },
    });
  });

  it.each([
    [null, 'auth must be an object { token, botId, shardId, guildIds, configPosition? }'],
    [{ ...valid, token: 5 }, 'auth.token must be a string of at most 512 characters'],
    [{ ...valid, botId: '' }, 'auth.botId must be 1-64 characters of [A-Za-z0-9_.-]'],
    [{ ...valid, shardId: -1 }, 'auth.shardId must be an integer from 0 to 65535'],
    [{ ...valid, guildIds: guild }, 'auth.guildIds must be an array of guild ids (snowflake strings)'],
    [
      { ...valid, guildIds: ['42'] },
      'auth.guildIds[0] is not a Discord snowflake (a string of 17-20 digits): "42"',
    ],
    [
      { ...valid, configPosition: 'yesterday' },
      'auth.configPosition: Invalid log position "yesterday": expected "<commit>" or "<commit>/<prepare>"',
    ],
  ])('refuses %j: %s', (auth, reason) => {
    expect(parseBotHandshake(auth)).toEqual({ ok: false, reason });
  });
});
