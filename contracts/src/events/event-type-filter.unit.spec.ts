import { eventTypeSchema, parseEventTypeFilter } from '../index.js';

describe('parseEventTypeFilter', () => {
  it('keeps catalogue types in order, without duplicates', () => {
    expect(parseEventTypeFilter(['INVITE_USE', 'GUILD_BAN_ADD', 'INVITE_USE'])).toEqual({
      ok: true,
      value: ['INVITE_USE', 'GUILD_BAN_ADD'],
    });
  });

  it('names an unknown type, suggests close ones and lists the catalogue', () => {
    const parsed = parseEventTypeFilter(['GUILD_BAN_ADD', 'GUILD_BAN']);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual([
      {
        path: '[1]',
        message: expect.stringContaining(
          'unknown event type "GUILD_BAN" (did you mean GUILD_BAN_ADD or GUILD_BAN_REMOVE?); the catalogue has GUILD_BAN_ADD, ',
        ),
      },
    ]);
    expect(parsed.errors[0]?.message).toContain(eventTypeSchema.options.join(', '));
  });

  it('refuses an empty entry and a type in the wrong case', () => {
    const parsed = parseEventTypeFilter(['', 'guild_ban_add']);
    expect(parsed.ok ? [] : parsed.errors.map((e) => [e.path, e.message.split(';')[0]])).toEqual([
      ['[0]', 'empty event type in the list'],
      ['[1]', 'unknown event type "guild_ban_add" (did you mean GUILD_BAN_ADD?)'],
    ]);
  });
});
