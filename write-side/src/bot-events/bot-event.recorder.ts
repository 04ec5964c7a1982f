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
 * append is durable.
 *
 * Up to `maxGroupsInFlight` groups are handed to the store at once: with the SQLite store's writer
 * thread, the next group is validated and serialised on the event loop while the thread commits the
 * previous one, instead of each side waiting for the other. Groups are cut in the order `record` was
 * called and the store commits the calls it is given in order (the SQLite writer thread takes them
 * first come, first served), so a connection's events keep their order.
 *
 * If a shared append fails, its batches are retried one by one so that one bad batch cannot fail the
 * others. Only then can a later group (already handed over) land before them: a failure is either a
 * batch the store refuses (validation upstream makes that practically impossible) or the store being
 * unavailable, which fails the later groups too.
 */
export class BotEventRecorder {
  private pending: Pending[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly eventStore: EventStore,
    private readonly clock: Clock,
    /**
     * Upper bound of events per shared append. It bounds the latency a big group adds and, above all,
     * keeps several groups in the pipeline: one committing on the writer thread while the next ones are
     * validated and serialised. One group of everything pending made the two sides take turns (measured:
     * 5,000 -> 2,500 with 3 in flight, +10% sustained ingest).
     */
    private readonly maxEventsPerAppend = 2500,
    /** Shared appends handed to the store at once (1: strictly one after the other). */
    private readonly maxGroupsInFlight = 3,
  ) {}

  record(batch: BotEventBatch): Promise<RecordBotEventsResult> {
    return new Promise((resolve, reject) => {
      this.pending.push({ batch, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.maxGroupsInFlight || this.pending.length === 0) return;
    this.scheduled = true;
    // setImmediate runs after the I/O callbacks of this loop turn: every frame already read joins the group.
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.pending.length > 0 && this.inFlight < this.maxGroupsInFlight) {
      let events = 0;
      let take = 0;
      while (take < this.pending.length) {
        const size = (this.pending[take] as Pending).batch.events.length;
        if (take > 0 && events + size > this.maxEventsPerAppend) break;
        events += size;
        take++;
      }
      const group = this.pending.splice(0, take);
      this.inFlight++;
      void this.append(group).finally(() => {
        this.inFlight--;
        // Frames that arrived meanwhile are read before the next group is cut.
        this.schedule();
      });
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
