/**
 * One-dimensional arrays in Postgres's binary format (what `array_send` writes and `array_recv` reads),
 * for `unnest` parameters. Postgres reads a text array literal character by character (quotes, escapes,
 * white space) and parses every timestamp from its text; in binary it copies lengths and bytes, and a
 * timestamp is one 64-bit integer. On a replay, reading the parameters was close to half the cost of
 * the bulk inserts (timestamps: about six times slower than in binary).
 *
 * Both drivers send a byte-array parameter in binary format: PGlite (any ArrayBuffer view, once its
 * serializer for the parameter's type lets it through: see pglite.thread.ts) and `pg` (a Buffer). The
 * statement's SQL does not change: `$1::text[]` reads either form.
 */

/** Element types sent in binary, and their type OIDs (the array header names its element type). */
const ELEMENT_OIDS = {
  text: 25,
  timestamptz: 1184,
  bigint: 20,
  integer: 23,
  boolean: 16,
} as const;
type BinaryElementType = keyof typeof ELEMENT_OIDS;

/** Postgres's epoch (2000-01-01T00:00:00Z) in Unix milliseconds: its timestamps count microseconds from it. */
const POSTGRES_EPOCH_MS = Date.UTC(2000, 0, 1);
/** The shape `Date#toISOString` writes: its value is exact to the millisecond once parsed. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function isBinaryElementType(type: string): type is BinaryElementType {
  return Object.hasOwn(ELEMENT_OIDS, type);
}

function textOf(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

/** Milliseconds since the Unix epoch, or null when the text form may carry more than that. */
function instantOf(value: unknown): number | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime();
  if (typeof value !== 'string' || !ISO_INSTANT.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

function int64Of(value: unknown): bigint | null {
  if (typeof value === 'bigint') return value >= INT64_MIN && value <= INT64_MAX ? value : null;
  return typeof value === 'number' && Number.isSafeInteger(value) ? BigInt(value) : null;
}

/**
 * `values` as a binary array of `type`, or null when the type has no binary form here or a value would
 * not read back exactly (a fraction for an integer, a timestamp text with microseconds or an offset, a
 * number out of range...): the caller then sends the text literal and Postgres parses it (and rejects
 * it with its usual error, when it is invalid).
 */
export function binaryArray(values: readonly unknown[], type: string): Buffer | null {
  if (!isBinaryElementType(type)) return null;
  const count = values.length;
  // Encoded elements first (texts as UTF-8 lengths, the rest checked), then one exact allocation.
  const texts: (string | null)[] = type === 'text' ? new Array(count) : [];
  let size = 20;
  let hasNull = 0;
  for (let i = 0; i < count; i++) {
    const value = values[i];
    size += 4;
    if (value === null || value === undefined) {
      hasNull = 1;
      if (type === 'text') texts[i] = null;
      continue;
    }
    switch (type) {
      case 'text': {
        const text = textOf(value);
        texts[i] = text;
        size += Buffer.byteLength(text, 'utf8');
        break;
      }
      case 'timestamptz':
        if (instantOf(value) === null) return null;
        size += 8;
        break;
      case 'bigint':
        if (int64Of(value) === null) return null;
        size += 8;
        break;
      case 'integer':
        if (!Number.isInteger(value) || (value as number) < INT32_MIN || (value as number) > INT32_MAX)
          return null;
        size += 4;
        break;
      case 'boolean':
        if (typeof value !== 'boolean') return null;
        size += 1;
        break;
    }
  }
  if (count === 0) size = 12;
  // Not from Node's shared pool: a pooled Buffer is a view on a larger ArrayBuffer, which the thread
  // hop to PGlite would copy whole.
  const buffer = Buffer.allocUnsafeSlow(size);
  // Header: dimensions, has-NULLs flag, element type; then each dimension's length and lower bound.
  let at = buffer.writeInt32BE(count === 0 ? 0 : 1, 0);
  at = buffer.writeInt32BE(hasNull, at);
  at = buffer.writeUInt32BE(ELEMENT_OIDS[type], at);
  if (count === 0) return buffer;
  at = buffer.writeInt32BE(count, at);
  at = buffer.writeInt32BE(1, at);
  for (let i = 0; i < count; i++) {
    const value = values[i];
    if (value === null || value === undefined) {
      at = buffer.writeInt32BE(-1, at);
      continue;
    }
    switch (type) {
      case 'text': {
        const length = buffer.write(texts[i] as string, at + 4, 'utf8');
        at = buffer.writeInt32BE(length, at) + length;
        break;
      }
      case 'timestamptz':
        at = buffer.writeInt32BE(8, at);
        at = buffer.writeBigInt64BE(BigInt((instantOf(value) as number) - POSTGRES_EPOCH_MS) * 1000n, at);
        break;
      case 'bigint':
        at = buffer.writeInt32BE(8, at);
        at = buffer.writeBigInt64BE(int64Of(value) as bigint, at);
        break;
      case 'integer':
        at = buffer.writeInt32BE(4, at);
        at = buffer.writeInt32BE(value as number, at);
        break;
      case 'boolean':
        at = buffer.writeInt32BE(1, at);
        at = buffer.writeUInt8(value ? 1 : 0, at);
        break;
    }
  }
  return buffer;
}
