import {
  acceptedEventTypes,
  batchConfigFor,
  cataloguedOnlyEventTypes,
  DEFAULT_BATCH_CONFIG,
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
    expect(acceptedEventTypes).toHaveLength(19);
    expect(acceptedEventTypes).toContain(EventType.INVITE_SYNC);
    expect(acceptedEventTypes).toContain(EventType.BOT_AUTOMOD_ACTION);
    expect(cataloguedOnlyEventTypes).toEqual(
      expect.arrayContaining(['MESSAGE_CREATE', 'VOICE_SELF_DEAFEN', 'PRESENCE_UPDATE']),
    );
  });

  it('sends critical types alone and at once, snapshots at their period, the rest 50 / 10 s', () => {
    expect(batchConfigFor('GUILD_BAN_ADD')).toEqual({ maxSize: 1, maxWait: 0 });
    expect(batchConfigFor('INVITE_USE')).toEqual({ maxSize: 1, maxWait: 0 });
    expect(batchConfigFor('GUILD_SYNC')).toEqual({ maxSize: 1, maxWait: 0 });
    expect(batchConfigFor('METRICS_SNAPSHOT')).toEqual({ maxSize: 1, maxWait: 60_000 });
    expect(batchConfigFor('MEMBER_ACTIVITY_SNAPSHOT')).toEqual({ maxSize: 1, maxWait: 300_000 });
    expect(batchConfigFor('MESSAGE_CREATE')).toEqual(DEFAULT_BATCH_CONFIG);
    expect(DEFAULT_BATCH_CONFIG).toEqual({ maxSize: 50, maxWait: 10_000 });
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
