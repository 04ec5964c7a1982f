/** A normalised automod rule (the module maps the contracts' config onto this). */
export type AutomodRule =
  | (RuleBase & { type: 'banned_words'; words: string[] })
  | (RuleBase & { type: 'invite_links' })
  | (RuleBase & { type: 'mention_spam'; maxMentions: number });

export interface RuleBase {
  id: string;
  actions: { delete: boolean; timeoutSeconds: number | null };
  exemptRoleIds: string[];
  exemptChannelIds: string[];
}

export interface AutomodMessage {
  content: string;
  channelId: string;
  authorRoleIds: string[];
  /** Distinct users and roles mentioned (@everyone counts as one). */
  mentionCount: number;
}

export interface AutomodMatch {
  rule: AutomodRule;
  /** Short excerpt of what matched (stored forever: keep it small). */
  matched: string;
}

// discord.gg/x, discord.com/invite/x, discordapp.com/invite/x
const INVITE_LINK = /(?:https?:\/\/)?(?:www\.)?(?:discord\.gg|discord(?:app)?\.com\/invite)\/[A-Za-z0-9-]+/i;
const MAX_EXCERPT = 100;

/**
 * Returns the first rule (in configuration order) the message breaks, or null. Banned words match whole
 * words, case-insensitively, so "class" does not trip a rule against "ass".
 */
export function evaluateAutomod(rules: readonly AutomodRule[], msg: AutomodMessage): AutomodMatch | null {
  for (const rule of rules) {
    if (rule.exemptChannelIds.includes(msg.channelId)) continue;
    if (msg.authorRoleIds.some((r) => rule.exemptRoleIds.includes(r))) continue;
    const matched = matchRule(rule, msg);
    if (matched !== null) return { rule, matched: matched.slice(0, MAX_EXCERPT) };
  }
  return null;
}

function matchRule(rule: AutomodRule, msg: AutomodMessage): string | null {
  switch (rule.type) {
    case 'banned_words': {
      const lower = msg.content.toLowerCase();
      for (const word of rule.words) {
        const w = word.toLowerCase();
        if (!w) continue;
        const re = new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(w)}($|[^\\p{L}\\p{N}])`, 'u');
        if (re.test(lower)) return word;
      }
      return null;
    }
    case 'invite_links': {
      const m = INVITE_LINK.exec(msg.content);
      return m ? m[0] : null;
    }
    case 'mention_spam':
      return msg.mentionCount > rule.maxMentions ? `${msg.mentionCount} mentions` : null;
    default: {
      const unhandled: never = rule;
      throw new Error(`unhandled automod rule ${JSON.stringify(unhandled)}`);
    }
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
