import {
  GUILD_STREAM_PREFIX,
  guildStream,
  MODULE_CONFIG_STREAM_PREFIX,
  moduleConfigStream,
  parseStreamName,
} from './index.js';

const guildId = '81384788765712384';

describe('stream names', () => {
  it('name a guild stream and a module-config stream', () => {
    expect(guildStream(guildId)).toBe(`guild-${guildId}`);
    expect(moduleConfigStream(guildId)).toBe(`module-config-${guildId}`);
    expect([GUILD_STREAM_PREFIX, MODULE_CONFIG_STREAM_PREFIX]).toEqual(['guild-', 'module-config-']);
  });

  it('parse back what they build', () => {
    expect(parseStreamName(guildStream(guildId))).toEqual({ kind: 'guild', guildId });
    expect(parseStreamName(moduleConfigStream(guildId))).toEqual({ kind: 'module-config', guildId });
  });

  it.each([
    'guild-',
    'guild-abc',
    'module-config-12',
    '$all',
    'guild-81384788765712384-x',
    'Guild-81384788765712384',
  ])('do not parse %s', (name) => expect(parseStreamName(name)).toBeUndefined());

  it('refuse to build a stream name from a non-snowflake', () => {
    expect(() => guildStream('../etc')).toThrow(TypeError);
    expect(() => moduleConfigStream('')).toThrow(TypeError);
  });
});
