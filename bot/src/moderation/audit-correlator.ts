/**
 * Pairs a Discord event (member removal, message delete) with the audit-log entry that explains it,
 * whichever arrives first. Entries arriving before the event are buffered for `entryTtlMs`; an event
 * arriving first waits up to `holdMs` for its entry (a bounded wait: the caller then falls back to an
 * audit-log fetch or reports "no entry"). Each entry explains at most one event, so two removals can never
 * both be credited to the same kick.
 */
export class AuditCorrelator<E> {
  private buffered: Array<{ entry: E; at: number }> = [];
  private waiters: Array<{
    match: (e: E) => boolean;
    resolve: (e: E | null) => void;
    timer: NodeJS.Timeout;
  }> = [];

  constructor(
    private readonly entryTtlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new audit entry: hand it to the oldest matching waiter, or keep it for a later event. */
  offer(entry: E): void {
    const i = this.waiters.findIndex((w) => w.match(entry));
    if (i >= 0) {
      const [w] = this.waiters.splice(i, 1);
      if (w) {
        clearTimeout(w.timer);
        w.resolve(entry);
      }
      return;
    }
    this.prune();
    this.buffered.push({ entry, at: this.now() });
  }

  /** Takes a buffered entry matching `match` (consuming it), without waiting. */
  take(match: (e: E) => boolean): E | null {
    this.prune();
    const i = this.buffered.findIndex((b) => match(b.entry));
    if (i < 0) return null;
    const [b] = this.buffered.splice(i, 1);
    return b?.entry ?? null;
  }

  /** Resolves with the matching entry (buffered or arriving within `holdMs`), or null after `holdMs`. */
  wait(match: (e: E) => boolean, holdMs: number): Promise<E | null> {
    const found = this.take(match);
    if (found || holdMs <= 0) return Promise.resolve(found);
    return new Promise((resolve) => {
      const waiter = {
        match,
        resolve,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          resolve(null);
        }, holdMs),
      };
      this.waiters.push(waiter);
    });
  }

  /** Resolves every pending wait with null (shutdown). */
  close(): void {
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.resolve(null);
    }
    this.waiters = [];
    this.buffered = [];
  }

  pendingWaits(): number {
    return this.waiters.length;
  }

  private prune(): void {
    const cutoff = this.now() - this.entryTtlMs;
    if (this.buffered.length && (this.buffered[0]?.at ?? 0) < cutoff) {
      this.buffered = this.buffered.filter((b) => b.at >= cutoff);
    }
  }
}
