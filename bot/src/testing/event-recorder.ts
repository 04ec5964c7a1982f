import type { BotEvent } from '@guildscope/contracts';

/** Collects the events a bot emits and lets a test await one (test helper). */
export class EventRecorder {
  readonly events: BotEvent[] = [];
  private waiters: Array<{ match: (e: BotEvent) => boolean; resolve: (e: BotEvent) => void }> = [];

  readonly record = (e: BotEvent): void => {
    this.events.push(e);
    const i = this.waiters.findIndex((w) => w.match(e));
    if (i >= 0) this.waiters.splice(i, 1)[0]?.resolve(e);
  };

  next(match: (e: BotEvent) => boolean, timeoutMs = 8_000, since = 0): Promise<BotEvent> {
    const found = this.events.slice(since).find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('timed out waiting for a bot event')), timeoutMs);
      this.waiters.push({
        match,
        resolve: (e) => {
          clearTimeout(t);
          resolve(e);
        },
      });
    });
  }

  ofType(type: string, guildId?: string): BotEvent[] {
    return this.events.filter((e) => e.type === type && (guildId === undefined || e.guildId === guildId));
  }
}
