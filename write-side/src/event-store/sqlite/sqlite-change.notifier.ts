/**
 * Wakes waiting subscriptions when the log changes. Appends made through this store call `notify()`
 * after commit (in-process wake-up, at once). Commits made by any other connection (another process, or
 * another store on the same file) are detected by polling `PRAGMA data_version`, which SQLite bumps for
 * every commit made by a different connection. The poll timer runs only while someone waits.
 */
export class SqliteChangeNotifier {
  private readonly waiters = new Set<Waiter>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly dataVersion: () => number,
    private readonly pollIntervalMs: number,
    private readonly onPollError: (error: unknown) => void,
  ) {}

  /** The value to pass to {@link wait}; read it BEFORE the read that found nothing new. */
  version(): number {
    return this.dataVersion();
  }

  /**
   * Resolves on the next in-process append, when another connection has committed since `baseline`,
   * or when `cancel()` is called.
   */
  wait(baseline: number): { promise: Promise<void>; cancel: () => void } {
    let waiter!: Waiter;
    const promise = new Promise<void>((resolve) => {
      waiter = { baseline, resolve };
    });
    if (this.closed) {
      waiter.resolve();
      return { promise, cancel: () => {} };
    }
    this.waiters.add(waiter);
    this.ensureTimer();
    return {
      promise,
      cancel: () => {
        this.waiters.delete(waiter);
        waiter.resolve();
        this.stopTimerIfIdle();
      },
    };
  }

  /** Called after a committed in-process append. */
  notify(): void {
    if (this.waiters.size === 0) return;
    const woken = [...this.waiters];
    this.waiters.clear();
    for (const w of woken) w.resolve();
    this.stopTimerIfIdle();
  }

  close(): void {
    this.closed = true;
    this.notify();
    this.stopTimerIfIdle();
  }

  private ensureTimer(): void {
    if (this.timer || this.closed) return;
    this.timer = setInterval(() => this.poll(), this.pollIntervalMs);
  }

  private stopTimerIfIdle(): void {
    if (this.timer && (this.waiters.size === 0 || this.closed)) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  private poll(): void {
    let current: number;
    try {
      current = this.dataVersion();
    } catch (error) {
      // The connection is gone (closed under us): wake everyone so they observe it and end.
      this.onPollError(error);
      this.notify();
      return;
    }
    for (const w of this.waiters) {
      if (w.baseline !== current) {
        this.waiters.delete(w);
        w.resolve();
      }
    }
    this.stopTimerIfIdle();
  }
}

interface Waiter {
  readonly baseline: number;
  readonly resolve: () => void;
}
