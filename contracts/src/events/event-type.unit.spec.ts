import {
  acceptedEventTypes,
  cataloguedOnlyEventTypes,
  EventType,
  eventCatalogue,
  eventTypeSchema,
  eventTypesInCategory,
} from '../index.js';

describe('event catalogue', () => {
  it('splits every type into accepted or catalogued-only, never both', () => {
    expect([...acceptedEventTypes, ...cataloguedOnlyEventTypes].sort()).toEqual(
      [...eventTypeSchema.options].sort(),
    );
    expect(acceptedEventTypes).toHaveLength(20);
    expect(acceptedEventTypes).toContain(EventType.GUILD_MEMBERS_SYNC);
    expect(acceptedEventTypes).toContain(EventType.INVITE_SYNC);
    expect(acceptedEventTypes).toContain(EventType.BOT_AUTOMOD_ACTION);
    expect(cataloguedOnlyEventTypes).toEqual(
      expect.arrayContaining(['MESSAGE_CREATE', 'VOICE_SELF_DEAFEN', 'PRESENCE_UPDATE']),
    );
  });

  it('gives every accepted type a priority that is sent at once: critical, or a snapshot', () => {
    for (const type of acceptedEventTypes) {
      expect([type, eventCatalogue[type].priority]).toEqual([
        type,
        expect.stringMatching(/^(critical|snapshot)$/),
      ]);
    }
    expect(eventCatalogue.METRICS_SNAPSHOT.priority).toBe('snapshot');
    expect(eventCatalogue.GUILD_BAN_ADD.priority).toBe('critical');
    expect(eventCatalogue.MESSAGE_CREATE.priority).toBe('default');
  });

  it('groups types by the seed categories', () => {
    expect(eventTypesInCategory('invites')).toEqual([
      'INVITE_CREATE',
      'INVITE_DELETE',
      'INVITE_USE',
      'INVITE_SYNC',
    ]);
    expect(eventTypesInCategory('metrics')).toEqual(['METRICS_SNAPSHOT', 'MEMBER_ACTIVITY_SNAPSHOT']);
    expect(eventCatalogue.MESSAGE_CREATE.note).toMatch(/METRICS_SNAPSHOT/);
  });
});
