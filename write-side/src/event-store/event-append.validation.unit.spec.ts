import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { prepareAppend } from './event-append.validation.js';

describe('prepareAppend', () => {
  it('names the exact path of a value JSON would change, in data and in metadata', () => {
    const ok = { id: randomUUID(), type: 'A', data: {} };
    expect(() =>
      prepareAppend('s', [ok, { id: randomUUID(), type: 'B', data: { a: [1, { b: Number.NaN }] } }], 'any'),
    ).toThrow('Event 1 of stream "s": data.a[1].b is NaN, not valid JSON');
    expect(() => prepareAppend('s', [{ ...ok, metadata: { at: new Date(0) } as never }], 'any')).toThrow(
      'Event 0 of stream "s": metadata.at is a Date, not a plain JSON object',
    );
    expect(() => prepareAppend('s', [{ ...ok, data: { list: [undefined] } }], 'any')).toThrow(
      'Event 0 of stream "s": data.list[0] is undefined',
    );
  });

  it('refuses a cycle but accepts the same object twice side by side', () => {
    const cyclic: Record<string, unknown> = { a: {} };
    (cyclic.a as Record<string, unknown>).back = cyclic;
    expect(() => prepareAppend('s', [{ id: randomUUID(), type: 'A', data: cyclic }], 'any')).toThrow(
      'Event 0 of stream "s": data.a.back contains a circular reference',
    );
    const shared = { x: 1 };
    const [event] = prepareAppend(
      's',
      [{ id: randomUUID(), type: 'A', data: { l: shared, r: shared } }],
      'any',
    ).events;
    expect(event?.data).toBe('{"l":{"x":1},"r":{"x":1}}');
  });
});
