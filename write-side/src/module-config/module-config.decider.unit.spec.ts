import {
  type Actor,
  exampleAutomodConfig,
  exampleIds,
  exampleWelcomeConfig,
  type ModuleConfigEvent,
  RuleViolationError,
  ValidationError,
} from '@guildscope/contracts';
import { decide, evolve, foldModuleConfig, type ModuleConfigCommand } from './module-config.decider.js';

const guildId = exampleIds.guild;
const actor: Actor = { type: 'user', id: exampleIds.moderator, name: 'mira.mod' };
const at = new Date('2025-10-01T12:00:00.000Z');
const base = { guildId, actor, at: at.toISOString() };

const enabledWelcome: ModuleConfigEvent = {
  type: 'ModuleEnabled',
  data: { ...base, moduleId: 'welcome', config: exampleWelcomeConfig },
};
const disabledWelcome: ModuleConfigEvent = { type: 'ModuleDisabled', data: { ...base, moduleId: 'welcome' } };
const resetWelcome: ModuleConfigEvent = { type: 'ModuleReset', data: { ...base, moduleId: 'welcome' } };

const enable = (moduleId: string, config?: unknown): ModuleConfigCommand => ({
  type: 'EnableModule',
  data: { guildId, moduleId, actor, at, ...(config === undefined ? {} : { config }) },
});
const disable = (moduleId: string): ModuleConfigCommand => ({
  type: 'DisableModule',
  data: { guildId, moduleId, actor, at },
});
const update = (moduleId: string, config: unknown, enableIt?: boolean): ModuleConfigCommand => ({
  type: 'UpdateModuleConfig',
  data: { guildId, moduleId, actor, at, config, ...(enableIt === undefined ? {} : { enable: enableIt }) },
});
const reset = (moduleId: string): ModuleConfigCommand => ({
  type: 'ResetModule',
  data: { guildId, moduleId, actor, at },
});

/** given(events).when(command) -> the events decided, or the error thrown. */
function given(...history: ModuleConfigEvent[]) {
  const state = foldModuleConfig(history);
  return {
    when(command: ModuleConfigCommand) {
      return {
        thenEvents: () => decide(command, state),
        thenThrows: (): unknown => {
          try {
            decide(command, state);
          } catch (error) {
            return error;
          }
          throw new Error('expected the command to be refused');
        },
      };
    },
  };
}

describe('ModuleConfig decider', () => {
  describe('when the module was never enabled', () => {
    it('enables it with a valid config, recording who and when', () => {
      expect(given().when(enable('welcome', exampleWelcomeConfig)).thenEvents()).toEqual([enabledWelcome]);
    });

    it('refuses to enable it without a config', () => {
      const error = given().when(enable('welcome')).thenThrows();
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ category: 'validation', code: 'MODULE_CONFIG_REQUIRED' });
    });

    it('refuses an update unless it enables the module', () => {
      const error = given().when(update('welcome', exampleWelcomeConfig)).thenThrows();
      expect(error).toBeInstanceOf(RuleViolationError);
      expect(error).toMatchObject({ category: 'conflict', code: 'MODULE_NOT_ENABLED' });
      expect((error as Error).message).toContain('never enabled');
    });

    it('turns an update with enable: true into ModuleEnabled', () => {
      expect(
        given()
          .when(update('welcome', exampleWelcomeConfig, true))
          .thenEvents(),
      ).toEqual([enabledWelcome]);
    });

    it('refuses a disable', () => {
      expect(given().when(disable('welcome')).thenThrows()).toMatchObject({ code: 'MODULE_NOT_ENABLED' });
    });

    it('refuses a reset (nothing to reset)', () => {
      expect(given().when(reset('welcome')).thenThrows()).toMatchObject({ code: 'MODULE_NOT_CONFIGURED' });
    });
  });

  describe('when the module is enabled', () => {
    it('records a complete new config', () => {
      const config = { ...exampleWelcomeConfig, message: 'Hi {user}!' };
      expect(given(enabledWelcome).when(update('welcome', config)).thenEvents()).toEqual([
        { type: 'ModuleConfigUpdated', data: { ...base, moduleId: 'welcome', config } },
      ]);
    });

    it('decides nothing for the same config', () => {
      expect(
        given(enabledWelcome)
          .when(update('welcome', { ...exampleWelcomeConfig }))
          .thenEvents(),
      ).toEqual([]);
    });

    it('rejects an invalid config with the schema messages and their paths', () => {
      const error = given(enabledWelcome)
        .when(update('welcome', { channelId: '12', message: 'Hello {usr}' }))
        .thenThrows() as ValidationError;
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.code).toBe('INVALID_MODULE_CONFIG');
      expect(error.issues).toEqual(
        expect.arrayContaining([
          { path: 'config.channelId', message: expect.stringContaining('snowflake') },
          { path: 'config.message', message: expect.stringContaining('unknown placeholder {usr}') },
        ]),
      );
    });

    it('refuses to enable it again', () => {
      expect(given(enabledWelcome).when(enable('welcome', exampleWelcomeConfig)).thenThrows()).toMatchObject({
        code: 'MODULE_ALREADY_ENABLED',
      });
    });

    it('disables it', () => {
      expect(given(enabledWelcome).when(disable('welcome')).thenEvents()).toEqual([disabledWelcome]);
    });

    it('resets it', () => {
      expect(given(enabledWelcome).when(reset('welcome')).thenEvents()).toEqual([resetWelcome]);
    });

    it('keeps other modules independent', () => {
      expect(given(enabledWelcome).when(enable('automod', exampleAutomodConfig)).thenEvents()).toEqual([
        { type: 'ModuleEnabled', data: { ...base, moduleId: 'automod', config: exampleAutomodConfig } },
      ]);
    });
  });

  describe('when the module is disabled', () => {
    it('refuses to disable it again', () => {
      const error = given(enabledWelcome, disabledWelcome).when(disable('welcome')).thenThrows();
      expect(error).toMatchObject({ category: 'conflict', code: 'MODULE_NOT_ENABLED' });
      expect((error as Error).message).toContain('already disabled');
    });

    it('re-enables it with the kept config when none is given', () => {
      expect(given(enabledWelcome, disabledWelcome).when(enable('welcome')).thenEvents()).toEqual([
        enabledWelcome,
      ]);
    });

    it('refuses a plain update', () => {
      expect(
        given(enabledWelcome, disabledWelcome).when(update('welcome', exampleWelcomeConfig)).thenThrows(),
      ).toMatchObject({ code: 'MODULE_NOT_ENABLED' });
    });
  });

  describe('when the module was reset', () => {
    it('needs a config again to be enabled', () => {
      expect(given(enabledWelcome, resetWelcome).when(enable('welcome')).thenThrows()).toMatchObject({
        code: 'MODULE_CONFIG_REQUIRED',
      });
    });
  });

  describe('whatever the state', () => {
    it('rejects an unknown module, a bad guild id and a bad actor, naming each field', () => {
      const bad: ModuleConfigCommand = {
        type: 'DisableModule',
        data: { guildId: '42', moduleId: 'music', actor: { type: 'user', id: 'bob' } as Actor, at },
      };
      const error = given(enabledWelcome).when(bad).thenThrows() as ValidationError;
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.issues.map((i) => i.path)).toEqual(['guildId', 'moduleId', 'actor.id']);
      expect(error.message).toContain('unknown module "music"');
    });
  });

  describe('evolve', () => {
    it('counts versions and folds every event type', () => {
      const state = [enabledWelcome, disabledWelcome, enabledWelcome, resetWelcome].reduce(
        evolve,
        foldModuleConfig([]),
      );
      expect(state).toEqual({ version: 4, modules: {} });
      expect(foldModuleConfig([enabledWelcome, disabledWelcome])).toEqual({
        version: 2,
        modules: { welcome: { enabled: false, config: exampleWelcomeConfig } },
      });
    });
  });
});
