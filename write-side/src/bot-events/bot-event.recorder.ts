import type { EventStore } from '../event-store/event-store.port.js';
import type { Clock } from '../shared/clock.js';
import type { RecordBotEventsResult } from './record-bot-events.command.js';
import { type BotEventBatch, recordBotEventBatches } from './record-bot-events.js';

interface Pending {
  readonly batch: BotEventBatch;
  readonly resolve: (result: RecordBotEventsResult) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit for bot batches: batches recorded during the same turn of the event loop (several bot
 * connections, or a connection with several batches in flight) are appended in ONE `appendMany`, i.e.
 * one SQLite transaction, instead of one each. Each caller still gets its own result once the shared
 * append is durable. Batches are appended in the order `record` was called, and one group at a time,
 * so a connection's events keep their order. If a shared append fails, its batches are retried one by one
 * so that one bad batch cannot fail the others.
 */
export class BotEventRecorder {
  private pending: Pending[] = [];
  private flushing = false;
  private scheduled = false;

  constructor(
    private readonly eventStore: EventStore,
    private readonly clock: Clock,
    /** Upper bound of events per shared append (bounds the latency a big group adds). */
    private readonly maxEventsPerAppend = 5000,
  ) {}

  record(batch: BotEventBatch): Promise<RecordBotEventsResult> {
    return new Promise((resolve, reject) => {
      this.pending.push({ batch, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.flushing) return;
    this.scheduled = true;
    // setImmediate runs after the I/O callbacks of this loop turn: every frame already read joins the group.
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.pending.length > 0) {
        let events = 0;
        let take = 0;
        while (take < this.pending.length) {
          const size = (this.pending[take] as Pending).batch.events.length;
          if (take > 0 && events + size > this.maxEventsPerAppend) break;
          events += size;
          take++;
        }
        const group = this.pending.splice(0, take);
        await this.append(group);
        // Let frames that arrived meanwhile be read before the next group is cut.
        if (this.pending.length > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } finally {
      this.flushing = false;
    }
  }

  private async append(group: Pending[]): Promise<void> {
    try {
      const results = await recordBotEventBatches(
        this.eventStore,
        this.clock,
        group.map((p) => p.batch),
      );
      for (const [i, p] of group.entries()) p.resolve(results[i] as RecordBotEventsResult);
    } catch (error) {
      if (group.length === 1) {
        (group[0] as Pending).reject(error);
        return;
      }
      for (const p of group) {
        try {
          p.resolve(
            (await recordBotEventBatches(this.eventStore, this.clock, [p.batch]))[0] as RecordBotEventsResult,
          );
        } catch (single) {
          p.reject(single);
        }
      }
    }
  }
}
