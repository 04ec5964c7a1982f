import type { Worker } from 'node:worker_threads';
import { assertNever } from '@guildscope/contracts';
import type { Logger } from 'pino';
import { startModuleWorker } from '../../shared/module-worker.js';
import { EventStoreUnavailableError } from '../event-store.errors.js';
import type { PreparedAppend, RawAppendResult } from './sqlite-appender.js';
import {
  decodeError,
  decodeResults,
  encodeAppends,
  type WriterRequest,
  type WriterResponse,
  type WriterThreadData,
} from './sqlite-writer.protocol.js';

interface Pending {
  readonly appends: readonly PreparedAppend[];
  readonly resolve: (results: RawAppendResult[]) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * The event store's side of its writer thread (sqlite-writer.thread.ts): sends appends, resolves each
 * once the thread has committed it. Why a thread: better-sqlite3 is synchronous, so on the event loop
 * every append's SQLite work (inserts, index pages, commit) stopped every socket of the process; the
 * gateway spent a quarter of its main thread there. Here the event loop only serialises and posts.
 *
 * If the thread dies (it should not: every SQLite error is reported per request), its pending appends
 * fail with EventStoreUnavailableError (each was one transaction: committed whole or not at all) and
 * `dead` is set so that the store starts a new thread for the next append.
 */
export class SqliteWriterClient {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private readonly exited: Promise<void>;
  private nextId = 0;
  private stopping = false;
  dead = false;

  constructor(data: WriterThreadData, logger: Logger) {
    this.worker = startModuleWorker(import.meta.url, 'sqlite-writer.thread', { workerData: data });
    // Kept alive only while appends are pending: an idle store that is not closed must not hang an exit.
    this.worker.unref();
    let fatal: Error | undefined;
    this.worker.on('message', (message: WriterResponse) => {
      switch (message.type) {
        case 'ready':
          return;
        case 'fatal':
          fatal = decodeError(message.error);
          return;
        case 'appended':
        case 'failed': {
          const pending = this.pending.get(message.id);
          if (!pending) return;
          this.pending.delete(message.id);
          if (this.pending.size === 0 && !this.stopping) this.worker.unref();
          if (message.type === 'appended') pending.resolve(decodeResults(pending.appends, message.results));
          else pending.reject(decodeError(message.error));
          return;
        }
        default:
          return assertNever(message, 'writer response');
      }
    });
    this.worker.on('error', (error) => {
      fatal ??= error;
    });
    this.exited = new Promise((resolve) => {
      this.worker.once('exit', (code) => {
        this.dead = true;
        if (this.pending.size > 0 || (code !== 0 && !this.stopping)) {
          const reason = fatal?.message ?? `exit code ${code}`;
          logger.error({ code, reason, pending: this.pending.size }, 'event store writer thread stopped');
          const error = new EventStoreUnavailableError(`The event store's writer thread stopped: ${reason}`, {
            cause: fatal,
          });
          for (const p of this.pending.values()) p.reject(error);
          this.pending.clear();
        }
        resolve();
      });
    });
  }

  append(appends: readonly PreparedAppend[]): Promise<RawAppendResult[]> {
    if (this.dead || this.stopping)
      return Promise.reject(new EventStoreUnavailableError("The event store's writer thread is stopped"));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { appends, resolve, reject });
      if (this.pending.size === 1) this.worker.ref();
      this.post({ type: 'append', id, appends: encodeAppends(appends) });
    });
  }

  /** Sets the thread connection's automatic checkpoint threshold (the fallback when no checkpointer runs). */
  setAutocheckpoint(pages: number): void {
    if (!this.dead && !this.stopping) this.post({ type: 'autocheckpoint', pages });
  }

  /** Lets the appends already sent finish, then closes the thread's connection. */
  async stop(): Promise<void> {
    if (!this.stopping && !this.dead) {
      this.stopping = true;
      this.worker.ref();
      this.post({ type: 'stop' });
    }
    this.stopping = true;
    await this.exited;
  }

  private post(request: WriterRequest): void {
    this.worker.postMessage(request);
  }
}
