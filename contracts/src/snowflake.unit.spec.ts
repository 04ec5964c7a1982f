import {
  DISCORD_EPOCH_MS,
  isSnowflake,
  MAX_SNOWFLAKE,
  snowflakeFromTimestamp,
  snowflakeTimestamp,
} from './index.js';

describe('snowflakes', () => {
  it("decode the creation time of Discord's documented example id", () => {
    expect(snowflakeTimestamp('175928847299117063')).toBe(1_462_015_105_796);
  });

  it('round-trip through snowflakeFromTimestamp', () => {
    const t = Date.UTC(2021, 1, 14, 10, 0, 0);
    expect(snowflakeTimestamp(snowflakeFromTimestamp(t, 4095))).toBe(t);
  });

  it.each([
    ['81384788765712384', true],
    ['10000000000000000', true],
    [MAX_SNOWFLAKE.toString(), true],
    ['9999999999999999', false],
    ['18446744073709551616', false],
    ['99999999999999999999', false],
    // Not canonical: the same id written with a leading zero would name another stream.
    ['081384788765712384', false],
    ['123456789012345678901', false],
    ['8138478876571238x', false],
    [' 81384788765712384', false],
    ['', false],
    [81384788765712384, false],
  ])('%p is a snowflake: %p', (value, expected) => expect(isSnowflake(value)).toBe(expected));

  it('refuse to decode a non-snowflake', () => {
    expect(() => snowflakeTimestamp('12')).toThrow(RangeError);
    expect(() => snowflakeFromTimestamp(DISCORD_EPOCH_MS)).toThrow(RangeError);
  });
});
