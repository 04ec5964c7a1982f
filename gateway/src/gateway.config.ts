import { readFileSync } from 'node:fs';
import { MAX_BATCH_BYTES, MAX_BATCH_LENGTH } from '@guildscope/contracts';
import { defineConfig, integer, logLevel, port, QUOTES_VALUE } from '@guildscope/contracts/config';
import { z } from 'zod';
import {
  type BotCredentials,
  InvalidBotCredentialsError,
  parseBotCredentials,
} from './auth/bot-credentials.js';
import { DEFAULT_GATEWAY_LIMITS, type GatewayLimits, resolveGatewayLimits } from './gateway.limits.js';

/** The gateway's own settings from the environment (the event store reads its own variables). */
export interface GatewayConfig {
  readonly port: number;
  readonly host: string;
  readonly credentials: BotCredentials;
  readonly limits: GatewayLimits;
  readonly logLevel: string;
}

/** Adds the list's problem, if any, to the variable being checked; keeps the text. */
function checkCredentials(text: string, ctx: z.RefinementCtx): string {
  try {
    parseBotCredentials(text);
  } catch (error) {
    if (!(error instanceof InvalidBotCredentialsError)) throw error;
    ctx.addIssue({ code: 'custom', message: error.problem });
  }
  return text;
}

/** `GATEWAY_BOT_TOKENS`, also read by the embedded server. */
export const gatewayBotTokensVariable = z
  .string()
  .transform(checkCredentials)
  .meta({
    description:
      'the bots allowed to connect: `botId:sha256hex,...`, the SHA-256 of each bot\'s token (`printf %s "$TOKEN" | sha256sum`), compared in constant time',
    accepts: 'botId:sha256hex entries, comma-separated',
    refuses: ['bot-a:abc'],
    // Hashes, not tokens; still nothing to print in a log.
    secret: true,
  });

const MISSING_TOKENS =
  'is not set: list the bots allowed to connect as "botId:sha256hex,..." (sha256hex = SHA-256 of the ' +
  'bot\'s token, e.g. `printf %s "$TOKEN" | sha256sum`), or point GATEWAY_BOT_TOKENS_FILE at such a list';

export const gatewaySchema = z
  .object({
    PORT: port().default(3001).describe('listen port'),
    HOST: z.string().default('0.0.0.0').describe('listen address'),
    GATEWAY_BOT_TOKENS: gatewayBotTokensVariable
      .optional()
      .meta({ defaultNote: '(required, or GATEWAY_BOT_TOKENS_FILE)' }),
    GATEWAY_BOT_TOKENS_FILE: z
      .string()
      .transform((file, ctx) => {
        let text: string;
        try {
          text = readFileSync(file, 'utf8').replace(/\r?\n/g, ',');
        } catch (error) {
          // Node's message names the file.
          ctx.addIssue({
            code: 'custom',
            message: `must name a readable file (${(error as Error).message})`,
            params: { [QUOTES_VALUE]: true },
          });
          return z.NEVER;
        }
        return checkCredentials(text, ctx);
      })
      .optional()
      .describe('a file holding the GATEWAY_BOT_TOKENS entries, separated by commas or newlines'),
    GATEWAY_MAX_BATCH_EVENTS: integer({ min: 1, max: MAX_BATCH_LENGTH })
      .default(DEFAULT_GATEWAY_LIMITS.maxBatchEvents)
      .describe('most events in one `to-backend` batch; a longer batch is refused whole'),
    GATEWAY_MAX_BATCH_BYTES: integer({ min: 1, max: MAX_BATCH_BYTES })
      .default(DEFAULT_GATEWAY_LIMITS.maxBatchBytes)
      .describe('most bytes of one `to-backend` frame on the wire; a larger batch is refused whole'),
    GATEWAY_MAX_FRAME_BYTES: integer({ min: 1 })
      .default(DEFAULT_GATEWAY_LIMITS.maxFrameBytes)
      .describe(
        'largest frame read at all (Socket.IO `maxHttpBufferSize`; bigger closes the connection); at least GATEWAY_MAX_BATCH_BYTES',
      ),
    LOG_LEVEL: logLevel(),
  })
  .superRefine(
    (c, ctx) => {
      if (c.GATEWAY_BOT_TOKENS !== undefined && c.GATEWAY_BOT_TOKENS_FILE !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['GATEWAY_BOT_TOKENS_FILE'],
          message: 'must not be set together with GATEWAY_BOT_TOKENS: set one of them',
        });
      if (c.GATEWAY_BOT_TOKENS === undefined && c.GATEWAY_BOT_TOKENS_FILE === undefined)
        ctx.addIssue({ code: 'custom', path: ['GATEWAY_BOT_TOKENS'], message: MISSING_TOKENS });
      const frame: unknown = c.GATEWAY_MAX_FRAME_BYTES;
      const batch: unknown = c.GATEWAY_MAX_BATCH_BYTES;
      // Either may be the refused text when checked after a refusal.
      if (typeof frame === 'number' && typeof batch === 'number' && frame < batch)
        ctx.addIssue({
          code: 'custom',
          path: ['GATEWAY_MAX_FRAME_BYTES'],
          message: `must be at least GATEWAY_MAX_BATCH_BYTES (${batch})`,
        });
    },
    // Checked even when a variable was refused, so that one start reports every problem.
    { when: () => true },
  );

/** The gateway process's variables (the event store reads its own: see write-side `eventStoreConfig`). */
export const gatewayConfig = defineConfig({
  subject: 'gateway',
  schema: gatewaySchema,
  toConfig: (c): GatewayConfig => {
    const limits = resolveGatewayLimits({
      maxBatchEvents: c.GATEWAY_MAX_BATCH_EVENTS,
      maxBatchBytes: c.GATEWAY_MAX_BATCH_BYTES,
      maxFrameBytes: c.GATEWAY_MAX_FRAME_BYTES,
    });
    const credentials = parseBotCredentials(c.GATEWAY_BOT_TOKENS ?? c.GATEWAY_BOT_TOKENS_FILE ?? '');
    return { port: c.PORT, host: c.HOST, credentials, limits, logLevel: c.LOG_LEVEL };
  },
});

/** Reads the gateway's variables (see {@link gatewayConfig}); throws ConfigError listing every problem. */
export function gatewayConfigFromEnv(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  return gatewayConfig.load(env);
}
