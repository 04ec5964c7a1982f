import { randomBytes, randomUUID } from 'node:crypto';
import { type BotEvent, exampleBotEvents, snowflakeFromTimestamp } from '@guildscope/contracts';

/**
 * Realistic load for the gateway benchmark: the contracts' example events (moderation, invites, members,
 * audit log, automod) re-targeted to 1,000 guilds, with a metrics or member-activity snapshot (7-12 KB)
 * every ~200 events. Every event gets a fresh UUID at send time, so the store really writes each one.
 */

/** 1,000 guild snowflakes, stable across runs. */
export const BENCH_GUILDS: readonly string[] = Array.from({ length: 1000 }, (_, i) =>
  snowflakeFromTimestamp(Date.UTC(2019, 0, 1) + i * 3_600_000, i % 4096),
);

const GUILD_LIFECYCLE = new Set(['GUILD_SYNC', 'GUILD_CREATE', 'GUILD_DELETE', 'GUILD_UPDATE']);
const SNAPSHOTS = new Set(['METRICS_SNAPSHOT', 'MEMBER_ACTIVITY_SNAPSHOT']);
const small = exampleBotEvents.filter((e) => !GUILD_LIFECYCLE.has(e.type) && !SNAPSHOTS.has(e.type));
const snapshots = exampleBotEvents.filter((e) => SNAPSHOTS.has(e.type));

/** A pool of batches (events are reused; ids are refreshed by {@link refreshIds} before each send). */
export function buildBatches(options: {
  count: number;
  minSize: number;
  maxSize: number;
  guilds: readonly string[];
  seed: number;
  /** true: every event of a batch is for one guild (the seed's batcher keys batches by guild and type). */
  singleGuild?: boolean;
}): BotEvent[][] {
  let state = options.seed >>> 0 || 1;
  const rand = (n: number) => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % n;
  };
  const batches: BotEvent[][] = [];
  for (let b = 0; b < options.count; b++) {
    const size = options.minSize + rand(options.maxSize - options.minSize + 1);
    const batch: BotEvent[] = [];
    const batchGuild = options.guilds[rand(options.guilds.length)] as string;
    for (let i = 0; i < size; i++) {
      const template = rand(200) === 0 ? snapshots[rand(snapshots.length)] : small[rand(small.length)];
      const guildId = options.singleGuild
        ? batchGuild
        : (options.guilds[rand(options.guilds.length)] as string);
      batch.push({ ...(structuredClone(template) as BotEvent), guildId, id: randomUUID() });
    }
    batches.push(batch);
  }
  return batches;
}

/**
 * A UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Ids minted in time order
 * make the store's event-id index (keyed id first for v7 ids) grow at its right edge instead of at random places.
 */
export function uuidV7(now = Date.now()): string {
  return uuidV7From(randomBytes(16), 0, now);
}

/** {@link uuidV7} from the 16 random bytes of `bytes` at `offset` (overwritten with the id's bytes). */
function uuidV7From(bytes: Buffer, offset: number, now: number): string {
  bytes.writeUIntBE(now, offset, 6);
  bytes[offset + 6] = ((bytes[offset + 6] as number) & 0x0f) | 0x70;
  bytes[offset + 8] = ((bytes[offset + 8] as number) & 0x3f) | 0x80;
  const h = bytes.toString('hex', offset, offset + 16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** How the load mints event ids: `v4` (random, what `crypto.randomUUID` gives) or `v7` (time-ordered). */
export type IdKind = 'v4' | 'v7';

/** Gives every event of the batch a new id (a new fact for the store), in place. */
export function refreshIds(batch: BotEvent[], ids: IdKind = 'v4'): void {
  const now = Date.now();
  if (ids === 'v4') {
    for (const event of batch) (event as { id: string }).id = randomUUID();
    return;
  }
  // One draw of random bytes for the whole batch: the load generators share the machine with the gateway.
  const random = randomBytes(16 * batch.length);
  for (const [i, event] of batch.entries()) (event as { id: string }).id = uuidV7From(random, 16 * i, now);
}
