import {
  botHandshakeAuthSchema,
  clientToServerEventNames,
  exampleIds,
  exampleModuleChange,
  exampleWelcomeConfig,
  formatIssues,
  guildsAddAckSchema,
  MAX_HANDSHAKE_GUILDS,
  moduleChangeMessageSchema,
  moduleConfigsSnapshotSchema,
  safeParseWith,
  toBackendAckSchema,
} from '../index.js';

const guildId = exampleIds.guild;
const snapshot = {
  position: '41',
  guilds: [
    { guildId, version: 2, modules: [{ moduleId: 'welcome', enabled: true, config: exampleWelcomeConfig }] },
  ],
};

/** The issues of a refused input, as one line (fails the test when the input is accepted). */
function refusal(schema: Parameters<typeof safeParseWith>[0], input: unknown): string {
  const parsed = safeParseWith(schema, input);
  if (parsed.ok) throw new Error(`accepted ${JSON.stringify(input)}`);
  return formatIssues(parsed.errors);
}

describe('gateway protocol', () => {
  it('names every event a bot may send', () => {
    expect(clientToServerEventNames).toEqual(['to-backend', 'module:ack', 'guilds:add']);
  });

  describe('to-backend ack', () => {
    it('reads a durable ack and a refusal', () => {
      const durable = {
        ok: true,
        accepted: 2,
        duplicates: 1,
        rejected: [{ index: 3, reason: 'data: required' }],
      };
      const refused = { ok: false, error: { code: 'OVERLOADED', message: 'wait', retryable: true } };
      expect(toBackendAckSchema.parse(durable)).toEqual(durable);
      expect(toBackendAckSchema.parse(refused)).toEqual(refused);
    });

    it('keeps reading an ack with a field a newer gateway added', () => {
      const ack = { ok: true, accepted: 1, duplicates: 0, rejected: [], elapsedMs: 3 };
      expect(toBackendAckSchema.safeParse(ack).success).toBe(true);
    });

    it.each<[string, unknown, string]>([
      [
        'a negative index',
        { ok: true, accepted: 0, duplicates: 0, rejected: [{ index: -1, reason: 'x' }] },
        'rejected[0].index',
      ],
      ['no rejected list', { ok: true, accepted: 1, duplicates: 0 }, 'rejected: required'],
      [
        'an unknown refusal code',
        { ok: false, error: { code: 'NOPE', message: 'm', retryable: false } },
        'error.code',
      ],
      [
        'a refusal without retryable',
        { ok: false, error: { code: 'OVERLOADED', message: 'm' } },
        'error.retryable',
      ],
      ['no ok flag', { accepted: 1 }, 'ok'],
    ])('refuses %s', (_name, input, fragment) => {
      expect(refusal(toBackendAckSchema, input)).toContain(fragment);
    });
  });

  describe('config feed', () => {
    it('reads a snapshot with each module config typed by its module', () => {
      expect(moduleConfigsSnapshotSchema.parse(snapshot)).toEqual(snapshot);
      expect(moduleConfigsSnapshotSchema.parse({ position: null, guilds: [] })).toEqual({
        position: null,
        guilds: [],
      });
    });

    it('refuses a snapshot whose config is not its module config', () => {
      const wrong = structuredClone(snapshot);
      (wrong.guilds[0]!.modules[0] as { moduleId: string }).moduleId = 'automod';
      expect(refusal(moduleConfigsSnapshotSchema, wrong)).toContain(
        'guilds[0].modules[0].config.rules: required',
      );
    });

    it('requires the position of a change, in either form of the log positions', () => {
      expect(moduleChangeMessageSchema.safeParse(exampleModuleChange).success).toBe(true);
      expect(
        moduleChangeMessageSchema.safeParse({ ...exampleModuleChange, position: '120/118' }).success,
      ).toBe(true);
      const { position: _none, ...unpositioned } = exampleModuleChange;
      expect(refusal(moduleChangeMessageSchema, unpositioned)).toContain('position: required');
      expect(refusal(moduleChangeMessageSchema, { ...exampleModuleChange, position: 'soon' })).toContain(
        'position: Invalid log position "soon"',
      );
    });

    it('reads a guilds:add ack carrying the snapshot of the added guilds', () => {
      const ack = { ok: true, guildIds: [guildId], snapshot };
      expect(guildsAddAckSchema.parse(ack)).toEqual(ack);
      expect(refusal(guildsAddAckSchema, { ok: true, guildIds: [guildId] })).toContain('snapshot: required');
    });
  });

  describe('handshake auth', () => {
    const valid = { token: 't', botId: 'bot-a', shardId: 0, guildIds: [guildId] };
    const reason = (auth: unknown) => botHandshakeAuthSchema.safeParse(auth).error?.issues[0]?.message;

    it('accepts a complete auth, with or without a resume position', () => {
      expect(botHandshakeAuthSchema.parse({ ...valid, configPosition: '7/5' })).toEqual({
        ...valid,
        configPosition: '7/5',
      });
      expect(botHandshakeAuthSchema.safeParse({ ...valid, configPosition: null }).success).toBe(true);
    });

    it('words the first problem as a sentence naming the field', () => {
      expect(reason({ ...valid, token: '' })).toBe('auth.token is missing');
      expect(reason({ botId: 'bot-a' })).toBe('auth.token is missing');
      expect(reason({ ...valid, guildIds: [guildId, 42] })).toBe(
        'auth.guildIds[1] is not a Discord snowflake (a string of 17-20 digits): number',
      );
      expect(reason({ ...valid, configPosition: 42 })).toBe(
        'auth.configPosition must be a position string such as "42" (from module:change)',
      );
    });

    it('refuses more guilds than one connection serves before looking at them', () => {
      const guildIds = Array.from({ length: MAX_HANDSHAKE_GUILDS + 1 }, () => 'not-a-snowflake');
      expect(reason({ ...valid, guildIds })).toBe(
        `auth.guildIds has ${MAX_HANDSHAKE_GUILDS + 1} entries; the limit is ${MAX_HANDSHAKE_GUILDS}`,
      );
    });
  });
});
