import { describe, expect, it } from '@jest/globals';
import { readToBackendAck } from './gateway-client.js';

describe('readToBackendAck', () => {
  describe('when the batch is durable', () => {
    it('settles it, minus the events refused for good', () => {
      const ack = {
        ok: true,
        accepted: 1,
        duplicates: 0,
        rejected: [{ index: 1, reason: 'data: required' }],
      };
      expect(readToBackendAck(ack, 2)).toEqual({
        ok: true,
        rejected: [{ index: 1, reason: 'data: required' }],
      });
    });

    it('settles nothing and resends when a rejected index is outside the batch', () => {
      const ack = { ok: true, accepted: 1, duplicates: 0, rejected: [{ index: 2, reason: 'x' }] };
      expect(readToBackendAck(ack, 2)).toEqual({
        ok: false,
        error: 'ack names a rejected index out of range: {"index":2,"reason":"x"}',
        retryable: true,
      });
    });
  });

  describe('when the batch is refused', () => {
    it('resends it later when the gateway says the refusal is retryable', () => {
      const ack = { ok: false, error: { code: 'STORE_UNAVAILABLE', message: 'down', retryable: true } };
      expect(readToBackendAck(ack, 3)).toEqual({
        ok: false,
        error: 'STORE_UNAVAILABLE: down',
        retryable: true,
      });
    });

    it('does not resend it as is when the refusal is final (the client splits it)', () => {
      const ack = { ok: false, error: { code: 'BATCH_TOO_LARGE', message: 'split it', retryable: false } };
      expect(readToBackendAck(ack, 3)).toEqual({
        ok: false,
        error: 'BATCH_TOO_LARGE: split it',
        retryable: false,
      });
    });
  });

  describe('when the ack does not parse', () => {
    it.each([null, 'ok', { ok: true, accepted: 1 }, { ok: false, error: { code: 'NOPE' } }])(
      'treats %j as a lost ack: resend',
      (ack) => {
        const reading = readToBackendAck(ack, 1);
        expect(reading).toMatchObject({ ok: false, retryable: true });
        expect(!reading.ok && reading.error).toMatch(/^malformed ack: /);
      },
    );
  });
});
