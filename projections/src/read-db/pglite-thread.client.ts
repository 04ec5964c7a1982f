import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '@guildscope/write-side';
import {
  decodeDbError,
  type PgliteRequest,
  type PgliteResponse,
  type PgliteThreadData,
} from './pglite-thread.protocol.js';

type Request = PgliteRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

interface Pending {
  readonly resolve: (result: { rows: unknown[]; affectedRows?: number }) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * PGlite on its own thread (pglite.thread.ts), as an object with PGlite's `query` and `exec`. Callers
 * serialise their requests (PgliteReadDb's mutex): the thread is one Postgres connection.
 *
 * The thread is referenced only while a request is pending, so an open database never holds a process
 * that has nothing else to do (like the in-process engine it replaces). If the thread dies, pending and
 * later requests fail with the reason.
 */
export class PgliteThread {
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private dead: Error | null = null;
  private closing = false;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (message: PgliteResponse) => {
      if (message.type !== 'result' && message.type !== 'failed') return;
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      if (this.pending.size === 0 && !this.closing) this.worker.unref();
      if (message.type === 'result')
        pending.resolve({ rows: message.rows, affectedRows: message.affectedRows });
      else pending.reject(decodeDbError(message.error));
    });
    worker.on('error', (error) => {
      // A crash of the engine itself (a WASM abort): the reason every pending and later call fails with.
      this.dead ??= new Error(`The read database's thread failed: ${error.message}`, { cause: error });
    });
    worker.once('exit', (code) => {
      this.dead ??= new Error(`The read database's thread stopped (exit code ${code})`);
      for (const p of this.pending.values()) p.reject(this.dead);
      this.pending.clear();
    });
  }

  /** Starts the thread and opens the database (with the TimescaleDB extension loaded) on it. */
  static async start(data: PgliteThreadData): Promise<PgliteThread> {
    const worker = startModuleWorker(import.meta.url, 'pglite.thread', { workerData: data });
    await new Promise<void>((resolve, reject) => {
      const onExit = (code: number) => reject(new Error(`The read database's thread exited (code ${code})`));
      worker.once('error', reject);
      worker.once('exit', onExit);
      worker.on('message', function ready(message: PgliteResponse) {
        if (message.type === 'ready') {
          worker.off('message', ready);
          worker.off('error', reject);
          worker.off('exit', onExit);
          resolve();
        } else if (message.type === 'fatal') {
          reject(decodeDbError(message.error));
        }
      });
    });
    worker.unref();
    return new PgliteThread(worker);
  }

  query<Row>(sql: string, params?: readonly unknown[]): Promise<{ rows: Row[]; affectedRows?: number }> {
    return this.send({ type: 'query', sql, params }) as Promise<{ rows: Row[]; affectedRows?: number }>;
  }

  async exec(sql: string): Promise<void> {
    await this.send({ type: 'exec', sql });
  }

  /** Closes the database, then the thread. */
  async close(): Promise<void> {
    if (this.dead) return;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    const closed = this.send({ type: 'close' });
    // Referenced until it has exited: a caller awaiting close() must not see the process end first.
    this.closing = true;
    this.worker.ref();
    await closed;
    this.dead = new Error('The read database is closed');
    await exited;
  }

  private send(request: Request): Promise<{ rows: unknown[]; affectedRows?: number }> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) this.worker.ref();
      this.worker.postMessage({ ...request, id } as PgliteRequest);
    });
  }
}
