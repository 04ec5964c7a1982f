import type { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { startModuleWorker } from '../../shared/module-worker.js';
import type { CheckpointerThreadData, CheckpointMessage } from './sqlite-wal.checkpointer.thread.js';

/**
 * Checkpoints an event store's WAL from a worker thread, on its own SQLite connection.
 *
 * Why: with SQLite's automatic checkpoints, the commit that crosses the threshold copies the whole WAL
 * back into the database file and fsyncs it, synchronously, inside `append`: better-sqlite3 runs on the
 * event loop, so every socket, ack and timer of the process waited tens of milliseconds each time (the
 * gateway's ack p99). A PASSIVE checkpoint on another connection runs beside the writer (SQLite lets one
 * checkpointer and one writer work at once in WAL mode), so the writer connection sets
 * `wal_autocheckpoint = 0` and this thread checkpoints every `intervalMs`.
 *
 * Durability is unchanged: a commit is durable as before (in the WAL; fsynced at commit with
 * synchronous=FULL, at checkpoints with NORMAL; the checkpointer uses the store's `synchronous`), and
 * checkpoints only move committed pages into the database file. They just run more often (NORMAL then
 * syncs the WAL every `intervalMs` instead of every ~40 MiB), and off the event loop.
 *
 * The WAL restarts from its beginning only when a write transaction starts while every frame is copied,
 * which a busy writer rarely allows (it commits during each copy); past `restartFrames` frames the thread
 * follows a checkpoint with short ones for the frames committed meanwhile, and past twice that it runs a
 * RESTART checkpoint, which takes the write lock for the rest of the copy (the writer waits meanwhile in
 * its busy handler), so the WAL file stays bounded.
 */
export class SqliteWalCheckpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;
  private stopping = false;
  /** Checkpoints run so far, and their durations (ms). */
  readonly stats = {
    checkpoints: 0,
    restarts: 0,
    totalMs: 0,
    maxMs: 0,
    /** Frames in the WAL and frames copied to the database file, as of the last checkpoint. */
    lastWalFrames: 0,
    lastCheckpointedFrames: 0,
  };

  constructor(
    options: CheckpointerThreadData & {
      readonly logger: Logger;
      /** Called once if the thread fails: the caller falls back to inline checkpoints. */
      readonly onFailure: (error: Error) => void;
    },
  ) {
    const { logger, onFailure, ...data } = options;
    this.worker = startModuleWorker(import.meta.url, 'sqlite-wal.checkpointer.thread', { workerData: data });
    // Never keeps the process alive on its own (a store that is not closed must not hang an exit).
    this.worker.unref();
    let failed = false;
    const fail = (error: Error) => {
      if (failed || this.stopping) return;
      failed = true;
      logger.error({ err: error }, 'WAL checkpointer thread failed; falling back to inline checkpoints');
      onFailure(error);
    };
    this.worker.on('message', (message: CheckpointMessage) => {
      if (message.type === 'error') return fail(new Error(message.message));
      const s = this.stats;
      s.checkpoints++;
      if (message.restart) s.restarts++;
      s.totalMs += message.ms;
      s.maxMs = Math.max(s.maxMs, message.ms);
      s.lastWalFrames = message.log;
      s.lastCheckpointedFrames = message.checkpointed;
      if (message.ms > 100) logger.debug({ ...message }, 'slow WAL checkpoint (off the event loop)');
    });
    this.worker.on('error', fail);
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.once('exit', (code) => {
      if (code !== 0) fail(new Error(`WAL checkpointer thread exited with code ${code}`));
    });
  }

  /** Stops the thread and closes its connection (waits for a checkpoint under way to end). */
  async stop(): Promise<void> {
    if (!this.stopping) {
      this.stopping = true;
      // Awaited from here on: an unref'd thread would let the process exit while close() waits.
      this.worker.ref();
      this.worker.postMessage('stop');
    }
    await this.exited;
  }
}
