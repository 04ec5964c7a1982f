/** How long an event may wait and how many may be grouped before the group is sent (seed 000). */
export interface BatchConfig {
  maxSize: number;
  maxWait: number;
}

export const PriorityTime = { CRITICAL: 0, IMPORTANT: 2_000, SLOW: 10_000 } as const;

const critical: BatchConfig = { maxSize: 1, maxWait: PriorityTime.CRITICAL };

/** The seed's per-type table; types not listed use `default`. */
export const DEFAULT_BATCH_CONFIG: Readonly<Record<string, BatchConfig>> & { default: BatchConfig } = {
  GUILD_BAN_ADD: critical,
  GUILD_BAN_REMOVE: critical,
  GUILD_MEMBER_REMOVE: critical,
  GUILD_MEMBER_ADD: critical,
  MESSAGE_DELETE: critical,
  MESSAGE_DELETE_BULK: critical,
  GUILD_AUDIT_LOG_ENTRY_CREATE: critical,
  AUTO_MODERATION_ACTION_EXECUTION: critical,
  BOT_AUTOMOD_ACTION: critical,
  INVITE_CREATE: critical,
  INVITE_DELETE: critical,
  INVITE_USE: critical,
  INVITE_SYNC: critical,
  GUILD_SYNC: critical,
  GUILD_CREATE: critical,
  GUILD_DELETE: critical,
  GUILD_UPDATE: critical,
  // Snapshots are produced once per period by the collector (the period is their wait), so each one is
  // sent as soon as it exists: maxSize 1.
  METRICS_SNAPSHOT: { maxSize: 1, maxWait: 60_000 },
  MEMBER_ACTIVITY_SNAPSHOT: { maxSize: 1, maxWait: 300_000 },
  default: { maxSize: 50, maxWait: PriorityTime.SLOW },
};

export interface BatchItem {
  seq: number;
  type: string;
  guildId: string;
}

/**
 * Decides WHEN stored events become due for sending. Events are already durable in the outbox when they
 * reach the batcher, so a crash loses nothing held here: on restart every stored event is due at once.
 * A group (guild + type) is released when it reaches `maxSize` or its oldest event waited `maxWait`;
 * `maxSize <= 1` means immediately.
 */
export class EventBatcher {
  private readonly batches = new Map<string, number[]>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly onDue: (seqs: number[]) => void,
    private readonly config: Readonly<Record<string, BatchConfig>> & {
      default: BatchConfig;
    } = DEFAULT_BATCH_CONFIG,
  ) {}

  configFor(type: string): BatchConfig {
    return this.config[type] ?? this.config.default;
  }

  /** True when an event of this type is released as soon as it is added. */
  isImmediate(type: string): boolean {
    const c = this.configFor(type);
    return c.maxSize <= 1 || c.maxWait <= 0;
  }

  add(item: BatchItem): void {
    if (this.isImmediate(item.type)) {
      this.onDue([item.seq]);
      return;
    }
    const c = this.configFor(item.type);
    const key = `${item.guildId}_${item.type}`;
    let batch = this.batches.get(key);
    if (!batch) {
      batch = [];
      this.batches.set(key, batch);
    }
    batch.push(item.seq);
    if (batch.length >= c.maxSize) this.flush(key);
    else if (!this.timers.has(key)) {
      const t = setTimeout(() => this.flush(key), c.maxWait);
      t.unref();
      this.timers.set(key, t);
    }
  }

  /** Releases every held group (shutdown). */
  flushAll(): void {
    for (const key of [...this.batches.keys()]) this.flush(key);
  }

  /** Number of events held back (not yet due). */
  held(): number {
    let n = 0;
    for (const b of this.batches.values()) n += b.length;
    return n;
  }

  private flush(key: string): void {
    const t = this.timers.get(key);
    if (t) clearTimeout(t);
    this.timers.delete(key);
    const batch = this.batches.get(key);
    this.batches.delete(key);
    if (batch && batch.length > 0) this.onDue(batch);
  }
}
