import { badInput } from '../errors/api-errors.js';

/**
 * Opaque cursors: base64url of a small JSON array. Clients must not build them; a cursor that does not
 * decode to the expected shape is a clear BAD_USER_INPUT, never a SQL error.
 */
export function encodeCursor(kind: string, values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify([kind, ...values]), 'utf8').toString('base64url');
}

export function decodeCursor(
  kind: string,
  cursor: string,
  arity: number,
  field = 'after',
): (string | number)[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badInput(field, 'not a cursor returned by this API');
  }
  if (
    !Array.isArray(parsed) ||
    parsed[0] !== kind ||
    parsed.length !== arity + 1 ||
    !parsed.slice(1).every((v) => typeof v === 'string' || typeof v === 'number')
  ) {
    throw badInput(field, 'not a cursor returned by this API for this list');
  }
  return parsed.slice(1) as (string | number)[];
}
