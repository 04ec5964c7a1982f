/**
 * Buffered, back-pressured writes to stdout that stop quietly when the reader goes away: `replay ... |
 * head` closes the pipe, the next write fails with EPIPE, and the replay ends with exit 0 like any Unix
 * filter instead of a stack trace.
 */
export class OutputSink {
  private buffer: string[] = [];
  private buffered = 0;
  private closedByReader = false;
  private failure: Error | null = null;

  constructor(
    private readonly stream: NodeJS.WritableStream & { destroyed?: boolean },
    private readonly flushAt = 64 * 1024,
  ) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') this.closedByReader = true;
      else this.failure = error;
    });
  }

  /** False once the reader has gone (stop producing). Throws a write failure other than EPIPE. */
  get open(): boolean {
    if (this.failure) throw this.failure;
    return !this.closedByReader && !this.stream.destroyed;
  }

  /** Queues text; flushes (and waits for the pipe to drain) past the buffer size. */
  async write(text: string): Promise<boolean> {
    if (!this.open) return false;
    this.buffer.push(text);
    this.buffered += text.length;
    if (this.buffered >= this.flushAt) await this.flush();
    return this.open;
  }

  async flush(): Promise<void> {
    if (this.buffer.length === 0 || !this.open) return;
    const chunk = this.buffer.join('');
    this.buffer = [];
    this.buffered = 0;
    if (this.stream.write(chunk) || this.stream.destroyed) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.stream.off('drain', done);
        this.stream.off('error', done);
        this.stream.off('close', done);
        resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('error', done);
      this.stream.on('close', done);
    });
  }
}
