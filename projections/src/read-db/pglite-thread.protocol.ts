/** Messages between the read database's handle (pglite-thread.client.ts) and its thread (pglite.thread.ts). */

export interface PgliteThreadData {
  /** Absolute data directory, or `'memory'`. */
  readonly dataDir: string;
}

export type PgliteRequest =
  | {
      readonly type: 'query';
      readonly id: number;
      readonly sql: string;
      readonly params?: readonly unknown[];
    }
  | { readonly type: 'exec'; readonly id: number; readonly sql: string }
  | { readonly type: 'close'; readonly id: number };

export type PgliteResponse =
  | { readonly type: 'ready' }
  | { readonly type: 'fatal'; readonly error: EncodedDbError }
  | { readonly type: 'result'; readonly id: number; readonly rows: unknown[]; readonly affectedRows?: number }
  | { readonly type: 'failed'; readonly id: number; readonly error: EncodedDbError };

/**
 * An error as it crosses the thread boundary. Structured cloning keeps only an error's message and stack,
 * so Postgres's fields (code, detail, hint, constraint...) travel as plain values.
 */
export interface EncodedDbError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  readonly fields: Record<string, string | number>;
}

export function encodeDbError(error: unknown): EncodedDbError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), fields: {} };
  const fields: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(error)) {
    if (typeof value === 'string' || typeof value === 'number') fields[key] = value;
  }
  return { name: error.name, message: error.message, stack: error.stack, fields };
}

/** The error as the in-process engine would have thrown it: same message, name and Postgres fields. */
export function decodeDbError(encoded: EncodedDbError): Error {
  const error = Object.assign(new Error(encoded.message), encoded.fields);
  error.name = encoded.name;
  if (encoded.stack) error.stack = encoded.stack;
  return error;
}
