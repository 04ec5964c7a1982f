import { describe, expect, it } from '@jest/globals';
import { binaryArray } from './binary-array.js';

describe('binaryArray', () => {
  it('writes the header Postgres expects: one dimension, NULL flag, element type, length, lower bound', () => {
    const buffer = binaryArray(['ab', null], 'text') as Buffer;
    expect([0, 4, 8, 12, 16].map((at) => buffer.readInt32BE(at))).toEqual([1, 1, 25, 2, 1]);
    expect(buffer.readInt32BE(20)).toBe(2);
    expect(buffer.subarray(24, 26).toString()).toBe('ab');
    expect(buffer.readInt32BE(26)).toBe(-1);
    expect(buffer.length).toBe(30);
  });

  it('counts text in UTF-8 bytes, not characters', () => {
    const buffer = binaryArray(['é🎉'], 'text') as Buffer;
    expect(buffer.readInt32BE(20)).toBe(6);
    expect(buffer.subarray(24).toString()).toBe('é🎉');
  });

  it('writes a timestamp as microseconds since 2000-01-01', () => {
    const buffer = binaryArray(['2000-01-01T00:00:01.500Z'], 'timestamptz') as Buffer;
    expect(buffer.readBigInt64BE(24)).toBe(1_500_000n);
  });

  it('writes an empty array with no dimension', () => {
    const buffer = binaryArray([], 'bigint') as Buffer;
    expect([0, 4, 8].map((at) => buffer.readInt32BE(at))).toEqual([0, 0, 20]);
    expect(buffer.length).toBe(12);
  });

  it.each([
    ['a type without a binary form here', ['x'], 'uuid'],
    ['a timestamp with microseconds', ['2026-01-01T00:00:00.123456Z'], 'timestamptz'],
    ['a timestamp with an offset', ['2026-01-01T00:00:00+02:00'], 'timestamptz'],
    ['an invalid Date', [new Date(Number.NaN)], 'timestamptz'],
    ['an integer beyond 2^53 as a number', [2 ** 60], 'bigint'],
    ['a 65-bit integer', [2n ** 64n], 'bigint'],
    ['a fraction', [1.5], 'integer'],
    ['a boolean given as text', ['true'], 'boolean'],
  ])('leaves %s to the text form', (_name, values, type) => {
    expect(binaryArray(values, type)).toBeNull();
  });
});
