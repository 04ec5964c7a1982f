/**
 * The WAL checkpointer's thread (started by SqliteWalCheckpointer): checkpoints the store's WAL every
 * `intervalMs` on its own SQLite connection, and reports each checkpoint.
 */
import Database from 'better-sqlite3';
import { parentLink } from '../../shared/parent-link.js';

export interface CheckpointerThreadData {
  readonly path: string;
  readonly synchronous: 'NORMAL' | 'FULL' | 'EXTRA';
  readonly intervalMs: number;
  readonly restartFrames: number;
  readonly busyTimeoutMs: number;
}

export type CheckpointMessage =
  | { type: 'checkpoint'; ms: number; busy: number; log: number; checkpointed: number; restart: boolean }
  | { type: 'error'; message: string };

const { port, data, send } = parentLink<CheckpointerThreadData, CheckpointMessage>(
  'sqlite-wal.checkpointer.thread',
);
const messageOf = (error: unknown) => String((error as Error | undefined)?.message ?? error);

let db: Database.Database;
try {
  db = new Database(data.path, { timeout: data.busyTimeoutMs, fileMustExist: true });
  db.pragma(`synchronous = ${data.synchronous}`);
  db.pragma('wal_autocheckpoint = 0');
} catch (error) {
  send({ type: 'error', message: messageOf(error) });
  process.exit(1);
}

let timer: NodeJS.Timeout | undefined;
let stopped = false;

function checkpoint(mode: 'PASSIVE' | 'RESTART'): Extract<CheckpointMessage, { type: 'checkpoint' }> {
  const started = performance.now();
  const [{ busy, log, checkpointed }] = db.pragma(`wal_checkpoint(${mode})`) as [
    { busy: number; log: number; checkpointed: number },
  ];
  return {
    type: 'checkpoint',
    ms: performance.now() - started,
    busy,
    log,
    checkpointed,
    restart: mode === 'RESTART',
  };
}

function tick(): void {
  if (stopped) return;
  try {
    let result = checkpoint('PASSIVE');
    // A long WAL: catch up with the few frames committed during that copy (short PASSIVE runs), so that
    // the writer's next transaction finds the WAL all copied and restarts it, without blocking it.
    for (let i = 0; i < 5 && result.log > data.restartFrames && result.checkpointed < result.log; i++)
      result = checkpoint('PASSIVE');
    // Still not restarted long after: take the write lock for the rest (the writer waits meanwhile).
    if (result.log > 2 * data.restartFrames) result = checkpoint('RESTART');
    send(result);
  } catch (error) {
    // SQLITE_BUSY (another process checkpointing, or the writer held the lock past the timeout): next tick.
    if ((error as { code?: string }).code !== 'SQLITE_BUSY') {
      send({ type: 'error', message: messageOf(error) });
      stopped = true;
      db.close();
      process.exit(1);
    }
  }
  timer = setTimeout(tick, data.intervalMs);
}

timer = setTimeout(tick, data.intervalMs);
port.on('message', (message: unknown) => {
  if (message !== 'stop') return;
  stopped = true;
  clearTimeout(timer);
  db.close();
  port.close();
});
