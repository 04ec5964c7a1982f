import {
  exampleAutomodConfig,
  exampleIds,
  exampleWelcomeConfig,
  formatIssues,
  MAX_MODULE_CONFIG_BYTES,
  parseModuleConfig,
  renderWelcomeMessage,
} from '../index.js';
import { type Loose, variant } from '../testing/variant.js';

describe('parseModuleConfig', () => {
  it.each([
    ['welcome', exampleWelcomeConfig],
    ['automod', exampleAutomodConfig],
    ['automod', { rules: [] }],
    ['welcome', { channelId: exampleIds.generalChannel, message: 'Hi {user}' }],
  ] as const)('accepts a valid %s config', (moduleId, config) => {
    const result = parseModuleConfig(moduleId, structuredClone(config));
    if (!result.ok) throw new Error(formatIssues(result.errors));
    expect(result.config).toEqual(config);
  });

  const rule = (i: number) => (v: Loose) => v.rules[i];
  const malformed: Array<[string, string, unknown, string, string]> = [
    ['unknown module', 'leveling', {}, 'moduleId', 'unknown module "leveling"'],
    [
      'welcome channel not a snowflake',
      'welcome',
      variant(exampleWelcomeConfig, (v) => (v.channelId = '#general')),
      'channelId',
      'snowflake',
    ],
    [
      'welcome unknown placeholder',
      'welcome',
      variant(exampleWelcomeConfig, (v) => (v.message = 'Hi {username}')),
      'message',
      'unknown placeholder {username}',
    ],
    [
      'welcome empty message',
      'welcome',
      variant(exampleWelcomeConfig, (v) => (v.message = '   ')),
      'message',
      'must not be empty',
    ],
    [
      'welcome message over 2000',
      'welcome',
      variant(exampleWelcomeConfig, (v) => (v.message = 'w'.repeat(2001))),
      'message',
      'longer than 2000',
    ],
    [
      'welcome unknown field',
      'welcome',
      variant(exampleWelcomeConfig, (v) => (v.embed = true)),
      'embed',
      'unknown field',
    ],
    [
      'automod timeout without timeoutSeconds',
      'automod',
      variant(exampleAutomodConfig, (v) => delete rule(1)(v).timeoutSeconds),
      'rules[1].timeoutSeconds',
      'required when actions include "timeout"',
    ],
    [
      'automod timeoutSeconds without timeout',
      'automod',
      variant(exampleAutomodConfig, (v) => (rule(0)(v).timeoutSeconds = 60)),
      'rules[0].timeoutSeconds',
      'only allowed',
    ],
    [
      'automod timeout over 28 days',
      'automod',
      variant(exampleAutomodConfig, (v) => (rule(1)(v).timeoutSeconds = 2_419_201)),
      'rules[1].timeoutSeconds',
      '28 days',
    ],
    [
      'automod empty words',
      'automod',
      variant(exampleAutomodConfig, (v) => (rule(0)(v).words = [])),
      'rules[0].words',
      'at least one',
    ],
    [
      'automod missing words',
      'automod',
      variant(exampleAutomodConfig, (v) => delete rule(0)(v).words),
      'rules[0].words',
      'required',
    ],
    [
      'automod blank word',
      'automod',
      variant(exampleAutomodConfig, (v) => (rule(0)(v).words = ['ok', '  '])),
      'rules[0].words[1]',
      'blank',
    ],
    [
      'automod word over 64',
      'automod',
      variant(exampleAutomodConfig, (v) => (rule(0)(v).words = ['w'.repeat(65)])),
      'rules[0].words[0]',
      'longer than 64',
    ],
    [
      'automod 501 words',
      'automod',
      variant(
        exampleAutomodConfig,
        (v) => (rule(0)(v).words = Array.from({ length: 501 }, (_, i) => `w${i}`)),
      ),
      'rules[0].words',
      'more than 500',
    ],
    [
      'automod words on a mention rule',
      'automod',
      variant(exampleAutomodConfig, (v) => (rule(2)(v).words = ['x'])),
      'rules[2].words',
      'unknown field',
    ],
    [
      'automod maxMentions 0',
      'automod',
      variant(exampleAutomodConfig, (v) => (rule(2)(v).maxMentions = 0)),
      'rules[2].maxMentions',
      'at least 1',
    ],
    [
      'automod maxMentions 51',
      'automod',
      variant(exampleAutomodConfig, (v) => (rule(2)(v).maxMentions = 51)),
      'rules[2].maxMentions',
      'at most 50',
    ],
    [
      'automod mention rule without maxMentions',
      'automod',
      variant(exampleAutomodConfig, (v) => delete rule(2)(v).maxMentions),
      'rules[2].maxMentions',
      'required',
    ],
    [
      'automod unknown rule type',
      'automod',
      variant(exampleAutomodConfig, (v) => (rule(1)(v).type = 'caps')),
      'rules[1].type',
      'banned_words',
    ],
    [
      'automod no actions',
      'automod',
      variant(exampleAutomodConfig, (v) => (rule(0)(v).actions = [])),
      'rules[0].actions',
      'at least one action',
    ],
    [
      'automod unknown action',
      'automod',
      variant(exampleAutomodConfig, (v) => (rule(0)(v).actions = ['ban'])),
      'rules[0].actions[0]',
      '"delete" or "timeout"',
    ],
    [
      'automod duplicate rule ids',
      'automod',
      variant(exampleAutomodConfig, (v) => (rule(1)(v).id = 'scam-words')),
      'rules[1].id',
      'duplicate rule id',
    ],
    [
      'automod exempt role not a snowflake',
      'automod',
      variant(exampleAutomodConfig, (v) => (rule(0)(v).exemptRoleIds = ['mods'])),
      'rules[0].exemptRoleIds[0]',
      'snowflake',
    ],
    ['automod rules not an array', 'automod', { rules: {} }, 'rules', 'expected array'],
    ['a Buffer as config', 'automod', Buffer.from('{}'), '', 'binary data'],
    [
      'an oversized config',
      'welcome',
      { ...exampleWelcomeConfig, pad: 'p'.repeat(MAX_MODULE_CONFIG_BYTES) },
      '',
      `${MAX_MODULE_CONFIG_BYTES} bytes`,
    ],
  ];
  it.each(malformed)('rejects %s', (_name, moduleId, input, path, fragment) => {
    const result = parseModuleConfig(moduleId, input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const match = result.errors.find((e) => e.path === path && e.message.includes(fragment));
    if (match === undefined)
      throw new Error(`no issue at ${path} containing "${fragment}": ${formatIssues(result.errors)}`);
  });
});

describe('renderWelcomeMessage', () => {
  it('fills the known placeholders and leaves other braces alone', () => {
    expect(
      renderWelcomeMessage('Welcome {user} to {server}, member #{memberCount} {not-a-placeholder}', {
        user: '<@123>',
        server: 'Guildscope',
        memberCount: 1343,
      }),
    ).toBe('Welcome <@123> to Guildscope, member #1343 {not-a-placeholder}');
  });
});
