import type { RecordedEvent, Subscription } from './event-store.port.js';

/** What a polling catch-up subscription needs from its store. */
export interface CatchUpSource<Cursor> {
  /** Next events strictly after `cursor`, in order, at most `limit`; an empty array when caught up. */
  readPage(cursor: Cursor, limit: number): RecordedEvent[];
  /** Cursor of an event, to resume after it. */
  cursorOf(event: RecordedEvent): Cursor;
  /** Change token to read before a page, then to wait on when the page was empty. */
  changeToken(): number;
  waitForChange(token: number): { promise: Promise<void>; cancel: () => void };
  /** Called once when the subscription ends (stopped, iteration ended, or failed). */
  onEnd(subscription: PollingCatchUpSubscription<Cursor>): void;
}

/**
 * A pull-based catch-up subscription: reads the log page by page (history first), and when it has caught
 * up waits for a change notification, then reads again. It holds one page at most, so a slow consumer
 * costs no memory, and since it always reads "after the last delivered cursor" it cannot skip or repeat.
 */
export class PollingCatchUpSubscription<Cursor> implements Subscription {
  private stopped = false;
  private iterating = false;
  private cancelWait: (() => void) | undefined;

  constructor(
    private readonly source: CatchUpSource<Cursor>,
    private cursor: Cursor,
    private readonly pageSize: number,
  ) {}

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.cancelWait?.();
    if (!this.iterating) this.source.onEnd(this);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    if (this.iterating) throw new Error('A subscription can be iterated only once');
    this.iterating = true;
    try {
      while (!this.stopped) {
        const token = this.source.changeToken();
        const page = this.source.readPage(this.cursor, this.pageSize);
        if (page.length === 0) {
          const wait = this.source.waitForChange(token);
          this.cancelWait = wait.cancel;
          await wait.promise;
          this.cancelWait = undefined;
          continue;
        }
        for (const event of page) {
          if (this.stopped) return;
          this.cursor = this.source.cursorOf(event);
          yield event;
        }
      }
    } finally {
      this.stopped = true;
      this.cancelWait?.();
      this.source.onEnd(this);
    }
  }
}
