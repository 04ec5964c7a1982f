import { MAX_JSON_DEPTH } from './limits.js';
import { formatPath, type ValidationIssue } from './validation.js';

/** Why {@link inspectJson} refused a value. */
export type JsonRefusal = 'too-large' | 'too-deep' | 'not-json';

/** Result of {@link inspectJson}: the approximate JSON size, or the first reason to refuse. */
export type JsonInspection =
  | { ok: true; bytes: number }
  | { ok: false; reason: JsonRefusal; issue: ValidationIssue };

/** UTF-8 length of `s`, stopping early once it exceeds `budget`. */
function utf8Length(s: string, budget: number): number {
  // Native when available (Node): one call instead of a loop over every character of long strings.
  if (s.length > 16 && nativeByteLength !== undefined) return nativeByteLength(s, 'utf8');
  let bytes = 0;
  for (let i = 0; i < s.length && bytes <= budget; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4; // a surrogate pair is one 4-byte code point
      i++;
    } else bytes += 3;
  }
  return bytes;
}

const nativeByteLength = (globalThis as { Buffer?: { byteLength(s: string, encoding: 'utf8'): number } })
  .Buffer?.byteLength;

/** Characters of `String(n)` for a finite number, without building the string for integers. */
function numberLength(n: number): number {
  if (!Number.isSafeInteger(n) || n <= -1e15 || n >= 1e15) return String(n).length;
  let digits = n < 0 ? 2 : 1;
  for (let a = Math.abs(n); a >= 10; a = Math.floor(a / 10)) digits++;
  return digits;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  return (value as { constructor?: { name?: string } }).constructor?.name ?? 'object';
}

function isBinary(value: object): boolean {
  const tag = Object.prototype.toString.call(value);
  return ArrayBuffer.isView(value) || tag === '[object ArrayBuffer]' || tag === '[object SharedArrayBuffer]';
}

/**
 * A plain object: its prototype is null or some realm's `Object.prototype` (objects from another
 * realm, e.g. `structuredClone` under a VM context, are plain too; class instances are not).
 */
function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/**
 * Checks that `value` is plain JSON data (what a JSON/Socket.IO transport can legitimately carry:
 * null, booleans, finite numbers, strings, arrays and plain objects), nested at most `maxDepth` levels,
 * and measures its JSON size (UTF-8 bytes, escapes ignored), stopping as soon as it exceeds `maxBytes`.
 * Zod would accept a Buffer as an object and walk a 100 MB string before failing, so every parse
 * function of the contracts calls this first. The walk stops at `maxDepth`, so deep nesting cannot
 * overflow the stack.
 *
 * Hot path (every event the gateway receives): it allocates nothing while the value is valid; the path
 * of a refused value is rebuilt from the keys walked only then.
 */
export function inspectJson(value: unknown, limits: { maxBytes: number; maxDepth?: number }): JsonInspection {
  const { maxBytes, maxDepth = MAX_JSON_DEPTH } = limits;
  /** Property names and indexes from the root to the value being walked. */
  const path: Array<string | number> = [];
  let bytes = 0;
  let refusal: JsonInspection | undefined;

  const refuse = (reason: JsonRefusal, message: string): false => {
    refusal =
      reason === 'too-large'
        ? {
            ok: false,
            reason,
            issue: { path: '', message: `larger than the limit of ${maxBytes} bytes of JSON` },
          }
        : { ok: false, reason, issue: { path: formatPath(path), message } };
    return false;
  };
  const notJson = (v: unknown): false =>
    refuse(
      'not-json',
      typeof v === 'object' && v !== null && isBinary(v)
        ? 'binary data is not accepted: send JSON'
        : `not JSON data: got ${describe(v)}${typeof v === 'number' ? ` ${v}` : ''}`,
    );

  /** Adds the size of `v` (at `path`, `depth` containers deep); false once refused. */
  const walk = (v: unknown, depth: number): boolean => {
    switch (typeof v) {
      case 'string':
        bytes += (v.length > maxBytes ? maxBytes + 1 : utf8Length(v, maxBytes)) + 2;
        break;
      case 'number':
        if (!Number.isFinite(v)) return notJson(v);
        bytes += numberLength(v);
        break;
      case 'boolean':
        bytes += v ? 4 : 5;
        break;
      case 'undefined':
        return true; // dropped by JSON inside objects; transports never produce it
      case 'object': {
        if (v === null) {
          bytes += 4;
          break;
        }
        if (depth >= maxDepth) return refuse('too-deep', `nested deeper than ${maxDepth} levels`);
        if (Array.isArray(v)) {
          bytes += 2 + Math.max(0, v.length - 1);
          if (bytes > maxBytes) return refuse('too-large', '');
          for (let i = 0; i < v.length; i++) {
            path.push(i);
            if (!walk(v[i], depth + 1)) return false;
            path.pop();
          }
          return true;
        }
        if (!isPlainObject(v)) return notJson(v);
        let count = 0;
        for (const key in v) {
          if (!Object.hasOwn(v, key)) continue;
          bytes += utf8Length(key, maxBytes) + 3 + (count++ > 0 ? 1 : 0);
          path.push(key);
          if (!walk((v as Record<string, unknown>)[key], depth + 1)) return false;
          path.pop();
        }
        bytes += 2;
        break;
      }
      default:
        return notJson(v);
    }
    return bytes <= maxBytes || refuse('too-large', '');
  };

  return walk(value, 0) ? { ok: true, bytes } : (refusal as JsonInspection);
}
