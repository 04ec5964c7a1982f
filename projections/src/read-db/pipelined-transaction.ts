import type { QueryResult, SqlExecutor } from './read-db.port.js';

const ignore = () => undefined;

/**
 * Runs `fn` in a transaction on `conn` (one connection, held by the caller), without a round trip that
 * nobody needs: statements run in call order on both engines, so BEGIN is sent without waiting for it,
 * `fn` may send several statements before awaiting any, and COMMIT is sent as soon as `fn` returns,
 * queued behind the statements still running. Every statement sent is then awaited: if one failed,
 * Postgres has turned the COMMIT into a rollback, and that failure is thrown. On PGlite each round trip
 * saved is a wait of its thread for the event loop.
 */
export async function runPipelinedTransaction<T>(
  conn: SqlExecutor,
  fn: (trx: SqlExecutor) => Promise<T>,
): Promise<T> {
  return (await sendPipelinedTransaction(conn, fn)).outcome;
}

/**
 * The same, resolving as soon as the transaction's last statement (COMMIT or ROLLBACK) is sent, with
 * its `outcome` still to come: a caller that holds the only connection (PGlite) lets the next
 * transaction queue its statements behind that COMMIT instead of waiting for it.
 */
export async function sendPipelinedTransaction<T>(
  conn: SqlExecutor,
  fn: (trx: SqlExecutor) => Promise<T>,
): Promise<{ readonly outcome: Promise<T> }> {
  const sent: Promise<unknown>[] = [];
  let ended = false;
  const track = <R>(statement: () => Promise<R>): Promise<R> => {
    if (ended)
      return Promise.reject(new Error('This transaction is finished: run statements inside its callback'));
    const promise = statement();
    // Handled here too: a failure the caller never awaits is thrown below, not reported as unhandled.
    promise.catch(ignore);
    sent.push(promise);
    return promise;
  };
  /** Waits for every statement sent; throws the first failure. */
  const settle = async () => {
    for (const outcome of await Promise.allSettled(sent)) {
      if (outcome.status === 'rejected') throw outcome.reason;
    }
  };
  const trx: SqlExecutor = {
    query: <Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>> =>
      track(() => conn.query<Row>(sql, params)),
    exec: (sql: string): Promise<void> => track(() => conn.exec(sql)),
  };

  void trx.exec('BEGIN');
  let result: T;
  try {
    result = await fn(trx);
  } catch (error) {
    ended = true;
    await settle().catch(ignore);
    // The statement's error is the one to report; a failed ROLLBACK (connection gone) fails the next call.
    const rollback = conn.exec('ROLLBACK').catch(ignore);
    return { outcome: quiet(rollback.then(() => Promise.reject(error))) };
  }
  ended = true;
  const commit = conn.exec('COMMIT');
  const outcome = settle().then(
    () => commit.then(() => result),
    // The transaction is rolled back: COMMIT in a failed transaction is a ROLLBACK.
    (error: unknown) =>
      commit.then(
        () => Promise.reject(error),
        () => Promise.reject(error),
      ),
  );
  return { outcome: quiet(outcome) };
}

/** The promise itself, marked handled: its caller awaits it a few microtasks later. */
function quiet<T>(promise: Promise<T>): Promise<T> {
  promise.catch(ignore);
  return promise;
}
