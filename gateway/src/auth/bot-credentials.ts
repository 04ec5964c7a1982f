import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The bots allowed to connect: botId -> SHA-256 of its token. Only hashes are kept in memory or config,
 * so a leaked config file does not leak usable tokens.
 */
export type BotCredentials = ReadonlyMap<string, Buffer>;

const BOT_ID = /^[A-Za-z0-9_.-]{1,64}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/i;

/** SHA-256 hex of a token: what an operator puts in `GATEWAY_BOT_TOKENS`. */
export function hashBotToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A malformed `GATEWAY_BOT_TOKENS` list; `problem` is the message without the variable's name. */
export class InvalidBotCredentialsError extends Error {
  override readonly name = 'InvalidBotCredentialsError';
  constructor(readonly problem: string) {
    super(`GATEWAY_BOT_TOKENS ${problem}`);
  }
}

/**
 * Parses `botId:sha256hex,botId:sha256hex` (whitespace and empty entries ignored). Throws
 * InvalidBotCredentialsError naming the bad entry; a bot id listed twice is an error (the second hash would
 * silently win otherwise).
 */
export function parseBotCredentials(text: string): BotCredentials {
  const credentials = new Map<string, Buffer>();
  const entries = text
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e.length > 0);
  if (entries.length === 0) throw new InvalidBotCredentialsError('is empty: expected "botId:sha256hex,..."');
  for (const [i, entry] of entries.entries()) {
    const colon = entry.lastIndexOf(':');
    const botId = colon < 0 ? entry : entry.slice(0, colon);
    const hash = colon < 0 ? '' : entry.slice(colon + 1);
    if (!BOT_ID.test(botId))
      throw new InvalidBotCredentialsError(
        `entry ${i + 1}: bot id "${botId}" must be 1-64 characters of [A-Za-z0-9_.-]`,
      );
    if (!SHA256_HEX.test(hash))
      throw new InvalidBotCredentialsError(
        `entry ${i + 1} (bot "${botId}"): expected the token's SHA-256 as 64 hex characters after ":"`,
      );
    if (credentials.has(botId)) throw new InvalidBotCredentialsError(`lists bot "${botId}" twice`);
    credentials.set(botId, Buffer.from(hash, 'hex'));
  }
  return credentials;
}

/** Builds credentials from plain tokens (tests, benchmarks, a dev profile). */
export function botCredentialsFromTokens(tokens: Readonly<Record<string, string>>): BotCredentials {
  return new Map(
    Object.entries(tokens).map(([botId, token]) => [botId, Buffer.from(hashBotToken(token), 'hex')]),
  );
}

/**
 * True when `token` is the configured token of `botId`. Compares SHA-256 digests in constant time; an
 * unknown bot is compared against a dummy digest so timing does not reveal which bot ids exist.
 */
export function verifyBotToken(credentials: BotCredentials, botId: string, token: string): boolean {
  const presented = createHash('sha256').update(token, 'utf8').digest();
  const expected = credentials.get(botId);
  const same = timingSafeEqual(presented, expected ?? UNKNOWN_BOT_DIGEST);
  return same && expected !== undefined;
}

const UNKNOWN_BOT_DIGEST = Buffer.alloc(32);
