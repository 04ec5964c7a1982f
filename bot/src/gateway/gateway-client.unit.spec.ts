import { describe, expect, it } from '@jest/globals';
import { readToBackendAck } from './gateway-client.js';

const durable = (rejected: Array<{ index: number; reason: string }>) => ({
  ok: true,
  accepted: 1,
  duplicates: 0,
  rejected,
});
const refused = (code: string, message: string, retryable: boolean) => ({
  ok: false,
  error: { code, message, retryable },
});

describe('readToBackendAck', () => {
  describe('when the batch is durable', () => {
    it('settles it, minus the events refused for good', () => {
      const rejected = [{ index: 1, reason: 'data: required' }];
      expect(readToBackendAck(durable(rejected), 2)).toEqual({ ok: true, rejected });
    });

    it('settles nothing and resends when a rejected index is outside the batch', () => {
      expect(readToBackendAck(durable([{ index: 2, reason: 'x' }]), 2)).toEqual({
        ok: false,
        error: 'ack names a rejected index out of range: {"index":2,"reason":"x"}',
        retryable: true,
      });
    });
  });

  describe('when the batch is refused', () => {
    it.each([
      ['resends it later: the gateway says it may', refused('STORE_UNAVAILABLE', 'down', true)],
      ['resends it later: the gateway is busy', refused('OVERLOADED', 'wait', true)],
      ['does not resend it as is (the client splits it)', refused('BATCH_TOO_LARGE', 'split it', false)],
    ])('%s', (_name, ack) => {
      const { code, message, retryable } = ack.error;
      expect(readToBackendAck(ack, 3)).toEqual({ ok: false, error: `${code}: ${message}`, retryable });
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
