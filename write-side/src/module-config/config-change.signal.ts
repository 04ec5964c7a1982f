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

  /** Resolves at the next `notify()` or after `timeoutMs`, whichever comes first; `cancel` resolves it now. */
  wait(timeoutMs: number): { promise: Promise<void>; cancel: () => void } {
    let done!: () => void;
    const promise = new Promise<void>((resolve) => {
      done = resolve;
    });
    const timer = setTimeout(finish, timeoutMs);
    const listener = (): void => finish();
    this.listeners.add(listener);
    const self = this;
    function finish(): void {
      clearTimeout(timer);
      self.listeners.delete(listener);
      done();
    }
    return { promise, cancel: finish };
  }
}
