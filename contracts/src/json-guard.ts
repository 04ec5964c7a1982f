import { MAX_JSON_DEPTH } from './limits.js';
import { formatPath, type ValidationIssue } from './validation.js';

/** Why {@link inspectJson} refused a value. */
export type JsonRefusal = 'too-large' | 'too-deep' | 'not-json';

/** Result of {@link inspectJson}: the approximate JSON size, or the first reason to refuse. */
export type JsonInspection =
  | { ok: true; bytes: number }
  | { ok: false; reason: JsonRefusal; issue: ValidationIssue };

interface Frame {
  value: object;
  depth: number;
  parent: Frame | undefined;
  key: string | number | undefined;
}

function pathOf(frame: Frame | undefined, childKey?: string | number): string {
  const segments: (string | number)[] = childKey === undefined ? [] : [childKey];
  for (let f = frame; f !== undefined && f.key !== undefined; f = f.parent) segments.unshift(f.key);
  return formatPath(segments);
}

/** UTF-8 length of `s`, stopping early once it exceeds `budget`. */
function utf8Length(s: string, budget: number): number {
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
 * function of the contracts calls this first. Iterative: deep nesting cannot overflow the stack.
 */
export function inspectJson(value: unknown, limits: { maxBytes: number; maxDepth?: number }): JsonInspection {
  const { maxBytes, maxDepth = MAX_JSON_DEPTH } = limits;
  let bytes = 0;
  const tooLarge = (): JsonInspection => ({
    ok: false,
    reason: 'too-large',
    issue: { path: '', message: `larger than the limit of ${maxBytes} bytes of JSON` },
  });
  const notJson = (path: string, v: unknown): JsonInspection => ({
    ok: false,
    reason: 'not-json',
    issue: {
      path,
      message:
        typeof v === 'object' && v !== null && isBinary(v)
          ? 'binary data is not accepted: send JSON'
          : `not JSON data: got ${describe(v)}${typeof v === 'number' ? ` ${v}` : ''}`,
    },
  });

  /** Size of a primitive, or -1 when it is not JSON, or -2 when it is a container. */
  const primitiveBytes = (v: unknown): number => {
    switch (typeof v) {
      case 'string':
        return v.length > maxBytes ? maxBytes + 1 : utf8Length(v, maxBytes) + 2;
      case 'number':
        return Number.isFinite(v) ? String(v).length : -1;
      case 'boolean':
        return v ? 4 : 5;
      case 'undefined':
        return 0; // dropped by JSON inside objects; transports never produce it
      case 'object':
        return v === null ? 4 : -2;
      default:
        return -1;
    }
  };

  const rootSize = primitiveBytes(value);
  if (rootSize === -1) return notJson('', value);
  if (rootSize >= 0) return rootSize > maxBytes ? tooLarge() : { ok: true, bytes: rootSize };

  const stack: Frame[] = [{ value: value as object, depth: 0, parent: undefined, key: undefined }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const container = frame.value;
    if (frame.depth >= maxDepth) {
      return {
        ok: false,
        reason: 'too-deep',
        issue: { path: pathOf(frame), message: `nested deeper than ${maxDepth} levels` },
      };
    }
    if (Array.isArray(container)) {
      bytes += 2 + Math.max(0, container.length - 1);
      if (bytes > maxBytes) return tooLarge();
      for (let i = container.length - 1; i >= 0; i--) {
        const item: unknown = container[i];
        const size = primitiveBytes(item);
        if (size === -1) return notJson(pathOf(frame, i), item);
        if (size === -2) {
          stack.push({ value: item as object, depth: frame.depth + 1, parent: frame, key: i });
        } else bytes += size;
        if (bytes > maxBytes) return tooLarge();
      }
      continue;
    }
    if (!isPlainObject(container)) return notJson(pathOf(frame), container);
    const keys = Object.keys(container);
    bytes += 2 + Math.max(0, keys.length - 1);
    if (bytes > maxBytes) return tooLarge();
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const item: unknown = (container as Record<string, unknown>)[key];
      bytes += utf8Length(key, maxBytes) + 3;
      const size = primitiveBytes(item);
      if (size === -1) return notJson(pathOf(frame, key), item);
      if (size === -2) {
        stack.push({ value: item as object, depth: frame.depth + 1, parent: frame, key });
      } else bytes += size;
      if (bytes > maxBytes) return tooLarge();
    }
  }
  return { ok: true, bytes };
}
