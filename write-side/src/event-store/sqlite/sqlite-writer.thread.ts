/**
 * The event store's writer thread (started by SqliteWriterThread): one SQLite connection that performs
 * every append of the store, so that SQLite's work (B-tree inserts, WAL writes, commits) runs beside the
 * event loop instead of on it. Requests are handled one at a time, in arrival order.
 */
import { assertNever } from '@guildscope/contracts';
import Database from 'better-sqlite3';
import { parentLink } from '../../shared/parent-link.js';
import { SqliteAppender } from './sqlite-appender.js';
import { APPENDER_CACHE_SIZE_PRAGMA } from './sqlite-event-store.schema.js';
import {
  decodeAppends,
  encodeError,
  encodeResults,
  type WriterRequest,
  type WriterResponse,
  type WriterThreadData,
} from './sqlite-writer.protocol.js';

const { port, data, send } = parentLink<WriterThreadData, WriterResponse>('sqlite-writer.thread');

let db: Database.Database;
let appender: SqliteAppender;
try {
  // The store's own connection created the file and its schema before starting this thread.
  db = new Database(data.path, { fileMustExist: true, timeout: data.busyTimeoutMs });
  db.pragma(`synchronous = ${data.synchronous}`);
  db.pragma(APPENDER_CACHE_SIZE_PRAGMA);
  db.pragma(`wal_autocheckpoint = ${data.autocheckpointPages}`);
  appender = new SqliteAppender(db);
  send({ type: 'ready' });
} catch (error) {
  send({ type: 'fatal', error: encodeError(error) });
  process.exit(1);
}

port.on('message', (request: WriterRequest) => {
  switch (request.type) {
    case 'append':
      try {
        const results = appender.append(decodeAppends(request.appends));
        send({ type: 'appended', id: request.id, results: encodeResults(results) });
      } catch (error) {
        send({ type: 'failed', id: request.id, error: encodeError(error) });
      }
      return;
    case 'autocheckpoint':
      db.pragma(`wal_autocheckpoint = ${request.pages}`);
      return;
    case 'stop':
      db.close();
      port.close();
      return;
    default:
      return assertNever(request, 'writer request');
  }
});
