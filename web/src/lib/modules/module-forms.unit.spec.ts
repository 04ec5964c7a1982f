import {
  automodConfigOf,
  automodFormOf,
  newAutomodRule,
  previewWelcome,
  welcomeConfigOf,
  welcomeFormOf,
} from './module-forms.js';

describe('welcome form', () => {
  it('round-trips a config and offers a default template', () => {
    const config = { channelId: '123456789012345678', message: 'Hi {user}', mentionUser: false };
    expect(welcomeConfigOf(welcomeFormOf(config))).toEqual(config);
    expect(welcomeFormOf(null)).toMatchObject({ channelId: '', mentionUser: true });
    expect(welcomeFormOf(null).message).toContain('{user}');
  });
});

describe('automod form', () => {
  const config = {
    rules: [
      {
        id: 'words',
        type: 'banned_words',
        enabled: true,
        actions: ['delete', 'timeout'],
        timeoutSeconds: 60,
        words: ['spam', 'scam link'],
        exemptRoleIds: ['123456789012345678'],
      },
      { id: 'mentions', type: 'mention_spam', enabled: false, actions: ['delete'], maxMentions: 5 },
      { id: 'invites', type: 'invite_links', enabled: true, actions: ['delete'] },
    ],
  };

  it('round-trips rules, keeping settings the form does not edit', () => {
    expect(automodConfigOf(automodFormOf(config))).toEqual(config);
  });

  it('sends what was typed so the API can say what is wrong', () => {
    const [rule] = automodFormOf(config);
    const edited = { ...rule!, timeoutSeconds: 'soon', words: ' a \n\n b ' };
    expect(automodConfigOf([edited]).rules[0]).toMatchObject({ timeoutSeconds: 'soon', words: ['a', 'b'] });
    const noTimeout = { ...rule!, timeout: false };
    expect(automodConfigOf([noTimeout]).rules[0]).not.toHaveProperty('timeoutSeconds');
  });

  it('new rules get a free id', () => {
    expect(newAutomodRule(['rule-1', 'rule-2']).id).toBe('rule-3');
    expect(newAutomodRule(['rule-2']).id).toBe('rule-3');
    expect(automodFormOf(null)).toEqual([]);
  });
});

describe('previewWelcome', () => {
  it('fills known placeholders and leaves unknown ones for the API to reject', () => {
    expect(
      previewWelcome('Hi {user}, welcome to {server} (#{memberCount}) {oops}', {
        user: '@alice',
        server: 'Guild',
        memberCount: 42,
      }),
    ).toBe('Hi @alice, welcome to Guild (#42) {oops}');
  });
});
