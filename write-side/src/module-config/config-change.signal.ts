import { setTimeout as sleep } from 'node:timers/promises';

/**
 * In-process wake-up for the module-config change feed: command handlers call `notify()` after an append
 * so feeds in the same process deliver at once instead of at their next poll. Appends made by other
 * processes are still found by polling; this only shortens the delay.
 */
export class ConfigChangeSignal {
  private readonly listeners = new Set<() => void>();

  notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /** Resolves at the next `notify()` or after `timeoutMs`, whichever comes first. */
  async wait(timeoutMs: number): Promise<void> {
    const woken = new AbortController();
    const listener = (): void => woken.abort();
    this.listeners.add(listener);
    try {
      await sleep(timeoutMs, undefined, { signal: woken.signal });
    } catch (error) {
      // The abort is the notify: anything else is a real failure.
      if (!woken.signal.aborted) throw error;
    } finally {
      this.listeners.delete(listener);
    }
  }
}
