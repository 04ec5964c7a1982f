import { readFileSync } from 'node:fs';
import { type BotCredentials, parseBotCredentials } from './auth/bot-credentials.js';
import { type GatewayLimits, resolveGatewayLimits } from './gateway.limits.js';

/** The gateway's own settings from the environment (the event store reads its own variables). */
export interface GatewayConfig {
  readonly port: number;
  readonly host: string;
  readonly credentials: BotCredentials;
  readonly limits: GatewayLimits;
  readonly logLevel: string;
}

/** A bad environment value; the message names the variable and what was expected. */
export class GatewayConfigError extends Error {
  override readonly name = 'GatewayConfigError';
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * Reads PORT (default 3001), HOST (default 0.0.0.0), GATEWAY_BOT_TOKENS (`botId:sha256hex,...`) or
 * GATEWAY_BOT_TOKENS_FILE (same entries, commas or newlines), LOG_LEVEL, and the optional limits
 * GATEWAY_MAX_BATCH_EVENTS, GATEWAY_MAX_BATCH_BYTES, GATEWAY_MAX_FRAME_BYTES. Throws GatewayConfigError.
 */
export function gatewayConfigFromEnv(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const value = (name: string) => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };
  const integer = (name: string, min: number, max: number): number | undefined => {
    const v = value(name);
    if (v === undefined) return undefined;
    if (!/^\d{1,15}$/.test(v) || Number(v) < min || Number(v) > max)
      throw new GatewayConfigError(`${name} must be an integer from ${min} to ${max}, got "${v}"`);
    return Number(v);
  };

  const port = integer('PORT', 0, 65_535) ?? 3001;
  const host = value('HOST') ?? '0.0.0.0';
  const logLevel = value('LOG_LEVEL') ?? 'info';
  if (!LOG_LEVELS.includes(logLevel))
    throw new GatewayConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);

  const inline = value('GATEWAY_BOT_TOKENS');
  const file = value('GATEWAY_BOT_TOKENS_FILE');
  if (inline !== undefined && file !== undefined)
    throw new GatewayConfigError('Set GATEWAY_BOT_TOKENS or GATEWAY_BOT_TOKENS_FILE, not both');
  let text = inline;
  if (file !== undefined) {
    try {
      text = readFileSync(file, 'utf8').replace(/\r?\n/g, ',');
    } catch (error) {
      throw new GatewayConfigError(
        `GATEWAY_BOT_TOKENS_FILE: cannot read ${file}: ${(error as Error).message}`,
      );
    }
  }
  if (text === undefined)
    throw new GatewayConfigError(
      'GATEWAY_BOT_TOKENS is not set: list the bots allowed to connect as "botId:sha256hex,..." ' +
        '(sha256hex = SHA-256 of the bot\'s token, e.g. `printf %s "$TOKEN" | sha256sum`), or point GATEWAY_BOT_TOKENS_FILE at such a list',
    );
  let credentials: BotCredentials;
  try {
    credentials = parseBotCredentials(text);
  } catch (error) {
    throw new GatewayConfigError((error as Error).message);
  }

  const maxBatchEvents = integer('GATEWAY_MAX_BATCH_EVENTS', 1, Number.MAX_SAFE_INTEGER);
  const maxBatchBytes = integer('GATEWAY_MAX_BATCH_BYTES', 1, Number.MAX_SAFE_INTEGER);
  const maxFrameBytes = integer('GATEWAY_MAX_FRAME_BYTES', 1, Number.MAX_SAFE_INTEGER);
  let limits: GatewayLimits;
  try {
    limits = resolveGatewayLimits({
      ...(maxBatchEvents === undefined ? {} : { maxBatchEvents }),
      ...(maxBatchBytes === undefined ? {} : { maxBatchBytes }),
      ...(maxFrameBytes === undefined ? {} : { maxFrameBytes }),
    });
  } catch (error) {
    throw new GatewayConfigError((error as Error).message);
  }
  return { port, host, credentials, limits, logLevel };
}
