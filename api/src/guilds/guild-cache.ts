import type { ReadDb } from '../read-db.js';
import { type GuildRow, guildsByIds } from './guilds.query.js';

/** Channels the guilds projection notifies on (projections/src/runner/notifications.ts). */
const guildChangedChannel = 'guild_changed';
const commitChannel = 'guildscope_projection';
/** Beyond this many cached guilds the cache starts over (a bound, not an LRU: guild rows are tiny). */
const maxEntries = 50_000;

/**
 * Guild registry rows, cached across requests: every guild-scoped query first checks the guild exists,
 * and the registry changes rarely. An entry is dropped when the guilds projection commits a change to it
 * (`guild_changed`, or a commit whose guild list was too long to send: then everything is dropped), so a
 * read never sees a row older than the last committed change it was notified of.
 */
export class GuildCache {
  private readonly rows = new Map<string, GuildRow | null>();
  private readonly unlisten: (() => Promise<void>)[] = [];

  constructor(private readonly db: ReadDb) {}

  async start(): Promise<void> {
    this.unlisten.push(
      await this.db.listen(guildChangedChannel, (payload) => {
        const guildId = safeParse(payload)?.guildId;
        if (typeof guildId === 'string') this.rows.delete(guildId);
        else this.rows.clear();
      }),
      await this.db.listen(commitChannel, (payload) => {
        const commit = safeParse(payload);
        if (commit?.projection !== 'guilds') return;
        if (Array.isArray(commit.guildIds)) for (const id of commit.guildIds) this.rows.delete(String(id));
        else this.rows.clear();
      }),
    );
  }

  /** Rows for these ids in order (null = unknown guild); misses are read in one query. */
  async load(ids: readonly string[]): Promise<(GuildRow | null)[]> {
    const misses = ids.filter((id) => !this.rows.has(id));
    if (misses.length > 0) {
      const found = await guildsByIds(this.db, misses);
      if (this.rows.size + misses.length > maxEntries) this.rows.clear();
      const byId = new Map(found.map((r) => [r.guild_id, r]));
      for (const id of misses) this.rows.set(id, byId.get(id) ?? null);
    }
    return ids.map((id) => this.rows.get(id) ?? null);
  }

  async stop(): Promise<void> {
    await Promise.all(this.unlisten.splice(0).map((f) => f()));
    this.rows.clear();
  }
}

function safeParse(payload: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(payload) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
