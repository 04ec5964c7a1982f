import {
  exampleAutomodConfig,
  exampleIds,
  exampleModuleChange,
  exampleWelcomeConfig,
  formatIssues,
  moduleConfigEventTypes,
  parseModuleChangeEvent,
  parseModuleConfigEvent,
} from '../index.js';

const actor = { type: 'user', id: exampleIds.moderator, name: 'mira.mod' } as const;
const at = '2025-10-01T12:00:00.000Z';

describe('parseModuleChangeEvent', () => {
  it.each<[string, unknown]>([
    ['enabled with config', exampleModuleChange],
    [
      'disabled without config',
      { guildId: exampleIds.guild, moduleId: 'automod', action: 'disabled', timestamp: 1_759_320_000_000 },
    ],
    [
      'reset',
      { guildId: exampleIds.guild, moduleId: 'welcome', action: 'reset', timestamp: 1_759_320_000_000 },
    ],
    [
      'automod config_updated',
      {
        guildId: exampleIds.guild,
        moduleId: 'automod',
        action: 'config_updated',
        config: exampleAutomodConfig,
        timestamp: 1_759_320_000_000,
      },
    ],
  ])('accepts %s', (_name, input) => {
    const result = parseModuleChangeEvent(structuredClone(input));
    if (!result.ok) throw new Error(formatIssues(result.errors));
  });

  it.each<[string, unknown, string, string]>([
    [
      'enabled without config',
      { ...exampleModuleChange, config: undefined },
      'config',
      'required when action is "enabled"',
    ],
    ['reset with config', { ...exampleModuleChange, action: 'reset' }, 'config', 'must be absent'],
    [
      'welcome config sent for automod',
      { ...exampleModuleChange, moduleId: 'automod' },
      'config.rules',
      'required',
    ],
    ['unknown module', { ...exampleModuleChange, moduleId: 'music' }, 'moduleId', 'unknown module'],
    ['unknown action', { ...exampleModuleChange, action: 'deleted' }, 'action', 'Invalid option'],
    [
      'Date string timestamp',
      { ...exampleModuleChange, timestamp: '2025-11-03T10:00:00Z' },
      'timestamp',
      'milliseconds',
    ],
    ['numeric position', { ...exampleModuleChange, position: 12 }, 'position', 'expected string'],
  ])('rejects %s', (_name, input, path, fragment) => {
    const result = parseModuleChangeEvent(input);
    expect(result.ok).toBe(false);
    if (!result.ok && !result.errors.some((e) => e.path === path && e.message.includes(fragment))) {
      throw new Error(formatIssues(result.errors));
    }
  });
});

describe('module-config stream events', () => {
  it('names the four event types', () => {
    expect(moduleConfigEventTypes).toEqual([
      'ModuleEnabled',
      'ModuleDisabled',
      'ModuleConfigUpdated',
      'ModuleReset',
    ]);
  });

  it.each<[string, unknown]>([
    [
      'ModuleEnabled',
      {
        type: 'ModuleEnabled',
        data: { guildId: exampleIds.guild, moduleId: 'welcome', config: exampleWelcomeConfig, actor, at },
      },
    ],
    [
      'ModuleConfigUpdated',
      {
        type: 'ModuleConfigUpdated',
        data: {
          guildId: exampleIds.guild,
          moduleId: 'automod',
          config: exampleAutomodConfig,
          actor: { type: 'api-token', id: 'tok_01HF' },
          at,
        },
      },
    ],
    [
      'ModuleDisabled',
      {
        type: 'ModuleDisabled',
        data: {
          guildId: exampleIds.guild,
          moduleId: 'automod',
          actor: { type: 'system', id: 'migration' },
          at,
        },
      },
    ],
    [
      'ModuleReset',
      { type: 'ModuleReset', data: { guildId: exampleIds.guild, moduleId: 'welcome', actor, at } },
    ],
  ])('accepts %s', (_name, input) => {
    const result = parseModuleConfigEvent(structuredClone(input));
    if (!result.ok) throw new Error(formatIssues(result.errors));
  });

  it.each<[string, unknown, string]>([
    [
      'a user actor whose id is not a snowflake',
      {
        type: 'ModuleReset',
        data: { guildId: exampleIds.guild, moduleId: 'welcome', actor: { type: 'user', id: 'mira' }, at },
      },
      'data.actor.id',
    ],
    [
      'ModuleEnabled without config',
      { type: 'ModuleEnabled', data: { guildId: exampleIds.guild, moduleId: 'welcome', actor, at } },
      'data.config',
    ],
    [
      'ModuleDisabled with a config',
      {
        type: 'ModuleDisabled',
        data: { guildId: exampleIds.guild, moduleId: 'welcome', config: exampleWelcomeConfig, actor, at },
      },
      'data.config',
    ],
    [
      'an invalid config',
      {
        type: 'ModuleConfigUpdated',
        data: {
          guildId: exampleIds.guild,
          moduleId: 'welcome',
          config: { ...exampleWelcomeConfig, message: '' },
          actor,
          at,
        },
      },
      'data.config.message',
    ],
    [
      'a time in ms instead of ISO',
      {
        type: 'ModuleReset',
        data: { guildId: exampleIds.guild, moduleId: 'welcome', actor, at: 1_759_320_000_000 },
      },
      'data.at',
    ],
    ['an unknown event type', { type: 'ModuleDeleted', data: {} }, 'type'],
  ])('rejects %s', (_name, input, path) => {
    const result = parseModuleConfigEvent(input);
    expect(result.ok).toBe(false);
    if (!result.ok && !result.errors.some((e) => e.path === path))
      throw new Error(formatIssues(result.errors));
  });
});
