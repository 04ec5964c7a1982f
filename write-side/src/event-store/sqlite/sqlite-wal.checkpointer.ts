import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';

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

  constructor(options: {
    readonly path: string;
    readonly synchronous: 'NORMAL' | 'FULL' | 'EXTRA';
    readonly intervalMs: number;
    readonly restartFrames: number;
    readonly busyTimeoutMs: number;
    readonly logger: Logger;
    /** Called once if the thread fails: the caller falls back to inline checkpoints. */
    readonly onFailure: (error: Error) => void;
  }) {
    const { logger, onFailure, ...data } = options;
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { ...data, driver } });
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

type CheckpointMessage =
  | { type: 'checkpoint'; ms: number; busy: number; log: number; checkpointed: number; restart: boolean }
  | { type: 'error'; message: string };

/** The thread's code (plain CommonJS, so that it runs the same from dist and under the test runner). */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
const Database = require(workerData.driver);
let db;
let timer;
let stopped = false;
try {
  db = new Database(workerData.path, { timeout: workerData.busyTimeoutMs, fileMustExist: true });
  db.pragma('synchronous = ' + workerData.synchronous);
  db.pragma('wal_autocheckpoint = 0');
} catch (error) {
  parentPort.postMessage({ type: 'error', message: String(error && error.message || error) });
  process.exit(1);
}
function checkpoint(mode) {
  const started = performance.now();
  const [r] = db.pragma('wal_checkpoint(' + mode + ')');
  return { type: 'checkpoint', ms: performance.now() - started, busy: r.busy, log: r.log, checkpointed: r.checkpointed, restart: mode === 'RESTART' };
}
function tick() {
  if (stopped) return;
  try {
    let result = checkpoint('PASSIVE');
    // A long WAL: catch up with the few frames committed during that copy (short PASSIVE runs), so that
    // the writer's next transaction finds the WAL all copied and restarts it, without blocking it.
    for (let i = 0; i < 5 && result.log > workerData.restartFrames && result.checkpointed < result.log; i++)
      result = checkpoint('PASSIVE');
    // Still not restarted long after: take the write lock for the rest (the writer waits meanwhile).
    if (result.log > 2 * workerData.restartFrames) result = checkpoint('RESTART');
    parentPort.postMessage(result);
  } catch (error) {
    // SQLITE_BUSY (another process checkpointing, or the writer held the lock past the timeout): next tick.
    if (!(error && error.code === 'SQLITE_BUSY')) {
      parentPort.postMessage({ type: 'error', message: String(error && error.message || error) });
      stopped = true;
      db.close();
      process.exit(1);
    }
  }
  timer = setTimeout(tick, workerData.intervalMs);
}
timer = setTimeout(tick, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  stopped = true;
  clearTimeout(timer);
  db.close();
  parentPort.close();
});
`;
