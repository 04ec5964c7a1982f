import {
  exampleBan,
  exampleInviteUse,
  exampleMetricsSnapshot,
  MAX_BATCH_BYTES,
  MAX_BATCH_LENGTH,
  MAX_EVENT_BYTES,
  parseBotEventBatch,
} from '../index.js';

const withId = <T extends { id: string }>(event: T, n: number): T => ({
  ...structuredClone(event),
  id: `1b6f1d8e-2c4a-4e9b-8f3d-${n.toString(16).padStart(12, '0')}`,
});

describe('parseBotEventBatch', () => {
  describe('refuses the whole batch', () => {
    it.each<[string, unknown, string]>([
      ['not an array', { events: [exampleBan] }, 'expected an array of events'],
      ['null', null, 'got null'],
      ['a Buffer', Buffer.from('[]'), 'got binary data'],
      [
        `over ${MAX_BATCH_LENGTH} events`,
        Array.from({ length: MAX_BATCH_LENGTH + 1 }, (_, i) => withId(exampleBan, i)),
        `exceeds the limit of ${MAX_BATCH_LENGTH} events`,
      ],
      [
        `over ${MAX_BATCH_BYTES} bytes`,
        Array.from({ length: 200 }, (_, i) => ({ ...withId(exampleBan, i), pad: 'x'.repeat(6000) })),
        `exceeds the limit of ${MAX_BATCH_BYTES} bytes`,
      ],
      [
        'a 100 MB string',
        [{ ...exampleBan, data: 'x'.repeat(100 * 1024 * 1024) }, exampleBan, exampleBan],
        'bytes',
      ],
    ])('%s', (_name, input, fragment) => {
      const result = parseBotEventBatch(input);
      expect(result).toEqual({
        ok: false,
        errors: [{ path: '', message: expect.stringContaining(fragment) }],
      });
    });

    it('when the transport reports more bytes than the limit', () => {
      const result = parseBotEventBatch([exampleBan], { byteLength: MAX_BATCH_BYTES + 1 });
      expect(result.ok).toBe(false);
    });
  });

  it('accepts exactly the limit in events', () => {
    const result = parseBotEventBatch(
      Array.from({ length: MAX_BATCH_LENGTH }, (_, i) => withId(exampleInviteUse, i)),
    );
    expect(result.ok && result.accepted.length).toBe(MAX_BATCH_LENGTH);
  });

  it('reports each index of a mixed batch, keeping the valid events', () => {
    const oversized = {
      ...withId(exampleBan, 3),
      data: { ...exampleBan.data, reason: 'r'.repeat(MAX_EVENT_BYTES) },
    };
    const result = parseBotEventBatch([
      withId(exampleBan, 0),
      { ...withId(exampleBan, 1), guildId: '42' },
      withId(exampleMetricsSnapshot, 2),
      oversized,
      'not an event',
      { ...withId(exampleBan, 5), type: 'MESSAGE_CREATE' },
    ]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.results.map((r) => r.ok)).toEqual([true, false, true, false, false, false]);
    expect(result.accepted.map((a) => a.index)).toEqual([0, 2]);
    expect(result.rejected).toEqual([
      {
        index: 1,
        errors: [{ path: 'guildId', message: expect.any(String) }],
        reason: expect.stringMatching(/^guildId: /),
      },
      {
        index: 3,
        errors: [{ path: '', message: expect.stringContaining(`${MAX_EVENT_BYTES} bytes`) }],
        reason: expect.any(String),
      },
      {
        index: 4,
        errors: [{ path: '', message: 'expected an event object, got string' }],
        reason: expect.any(String),
      },
      {
        index: 5,
        errors: [{ path: 'type', message: expect.stringContaining('not accepted') }],
        reason: expect.any(String),
      },
    ]);
  });

  it('accepts an empty batch', () => {
    expect(parseBotEventBatch([])).toEqual({ ok: true, results: [], accepted: [], rejected: [] });
  });
});
