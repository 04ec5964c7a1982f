import { type AutomodRule, evaluateAutomod } from './automod-rules.js';

const base = { actions: { delete: true, timeoutSeconds: null }, exemptRoleIds: [], exemptChannelIds: [] };
const words: AutomodRule = { ...base, id: 'w', type: 'banned_words', words: ['badword', 'ass'] };
const invites: AutomodRule = { ...base, id: 'i', type: 'invite_links' };
const mentions: AutomodRule = { ...base, id: 'm', type: 'mention_spam', maxMentions: 3 };
const msg = (content: string, extra = {}) => ({
  content,
  channelId: 'c',
  authorRoleIds: [],
  mentionCount: 0,
  ...extra,
});

describe('evaluateAutomod', () => {
  it('matches banned words as whole words, any case', () => {
    expect(evaluateAutomod([words], msg('what a BadWord!'))?.matched).toBe('badword');
    expect(evaluateAutomod([words], msg('first class passes'))).toBeNull();
  });

  it('matches invite links in their usual forms', () => {
    expect(evaluateAutomod([invites], msg('join https://discord.gg/abc123 now'))?.matched).toBe(
      'https://discord.gg/abc123',
    );
    expect(evaluateAutomod([invites], msg('discord.com/invite/xyz'))?.rule.id).toBe('i');
    expect(evaluateAutomod([invites], msg('see discord.com/channels/1'))).toBeNull();
  });

  it('matches mention spam above the limit only', () => {
    expect(evaluateAutomod([mentions], msg('hi', { mentionCount: 3 }))).toBeNull();
    expect(evaluateAutomod([mentions], msg('hi', { mentionCount: 4 }))?.matched).toBe('4 mentions');
  });

  it('skips exempt roles and channels, and reports the first rule broken', () => {
    const exempt: AutomodRule = { ...words, exemptRoleIds: ['mod'], exemptChannelIds: ['free'] };
    expect(evaluateAutomod([exempt], msg('badword', { authorRoleIds: ['mod'] }))).toBeNull();
    expect(evaluateAutomod([exempt], msg('badword', { channelId: 'free' }))).toBeNull();
    expect(evaluateAutomod([invites, words], msg('badword discord.gg/x'))?.rule.id).toBe('i');
  });
});
