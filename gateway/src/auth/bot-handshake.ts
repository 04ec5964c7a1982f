import { botHandshakeAuthSchema } from '@guildscope/contracts';
import { type LogPosition, parsePosition } from '@guildscope/write-side';

export interface BotHandshake {
  readonly token: string;
  readonly botId: string;
  readonly shardId: number;
  readonly guildIds: ReadonlySet<string>;
  readonly configPosition: LogPosition | undefined;
}

export type HandshakeParse = { ok: true; handshake: BotHandshake } | { ok: false; reason: string };

/** Validates the handshake `auth` object (the contracts' schema), reporting the first problem found in plain words. */
export function parseBotHandshake(auth: unknown): HandshakeParse {
  const parsed = botHandshakeAuthSchema.safeParse(auth);
  if (!parsed.success) return { ok: false, reason: parsed.error.issues[0]?.message ?? 'invalid auth' };
  const { token, botId, shardId, guildIds, configPosition } = parsed.data;
  return {
    ok: true,
    handshake: {
      token,
      botId,
      shardId,
      guildIds: new Set(guildIds),
      // Already checked against the position pattern: the conversion cannot fail.
      configPosition: configPosition == null ? undefined : parsePosition(configPosition),
    },
  };
}
