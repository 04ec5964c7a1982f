/**
 * Module configs <-> form fields. The forms send what the user typed (numbers that are not numbers are
 * sent as text) so that the API's validation, not a second copy of it here, says what is wrong.
 */

export interface WelcomeForm {
  channelId: string;
  message: string;
  mentionUser: boolean;
}

export function welcomeFormOf(config: unknown): WelcomeForm {
  const c = (config ?? {}) as Partial<Record<keyof WelcomeForm, unknown>>;
  return {
    channelId: typeof c.channelId === 'string' ? c.channelId : '',
    message:
      typeof c.message === 'string'
        ? c.message
        : 'Welcome {user} to {server}! You are member #{memberCount}.',
    mentionUser: typeof c.mentionUser === 'boolean' ? c.mentionUser : true,
  };
}

export function welcomeConfigOf(form: WelcomeForm): Record<string, unknown> {
  return { channelId: form.channelId.trim(), message: form.message, mentionUser: form.mentionUser };
}

export type AutomodRuleType = 'banned_words' | 'invite_links' | 'mention_spam';
export const AUTOMOD_RULE_TYPES: readonly { value: AutomodRuleType; label: string }[] = [
  { value: 'banned_words', label: 'Banned words' },
  { value: 'invite_links', label: 'Invite links' },
  { value: 'mention_spam', label: 'Mention spam' },
];

export interface AutomodRuleForm {
  id: string;
  type: AutomodRuleType;
  enabled: boolean;
  deleteMessage: boolean;
  timeout: boolean;
  timeoutSeconds: string;
  /** One word or phrase per line. */
  words: string;
  maxMentions: string;
  /** Settings the form does not edit (exempt roles/channels), kept as they are. */
  extra: Record<string, unknown>;
}

const EDITED = new Set(['id', 'type', 'enabled', 'actions', 'timeoutSeconds', 'words', 'maxMentions']);

function numberField(value: string): number | string | undefined {
  const text = value.trim();
  if (text === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : text;
}

export function newAutomodRule(existingIds: readonly string[]): AutomodRuleForm {
  let n = existingIds.length + 1;
  while (existingIds.includes(`rule-${n}`)) n++;
  return {
    id: `rule-${n}`,
    type: 'banned_words',
    enabled: true,
    deleteMessage: true,
    timeout: false,
    timeoutSeconds: '',
    words: '',
    maxMentions: '5',
    extra: {},
  };
}

export function automodFormOf(config: unknown): AutomodRuleForm[] {
  const rules = (config as { rules?: unknown } | null)?.rules;
  if (!Array.isArray(rules)) return [];
  return rules.map((raw) => {
    const rule = (raw ?? {}) as Record<string, unknown>;
    const actions = Array.isArray(rule.actions) ? rule.actions : [];
    const extra = Object.fromEntries(Object.entries(rule).filter(([key]) => !EDITED.has(key)));
    return {
      id: String(rule.id ?? ''),
      type: (rule.type as AutomodRuleType) ?? 'banned_words',
      enabled: rule.enabled !== false,
      deleteMessage: actions.includes('delete'),
      timeout: actions.includes('timeout'),
      timeoutSeconds: rule.timeoutSeconds === undefined ? '' : String(rule.timeoutSeconds),
      words: Array.isArray(rule.words) ? rule.words.join('\n') : '',
      maxMentions: rule.maxMentions === undefined ? '' : String(rule.maxMentions),
      extra,
    };
  });
}

export function automodConfigOf(rules: readonly AutomodRuleForm[]): { rules: Record<string, unknown>[] } {
  return {
    rules: rules.map((form) => {
      const rule: Record<string, unknown> = {
        ...form.extra,
        id: form.id.trim(),
        type: form.type,
        enabled: form.enabled,
        actions: [...(form.deleteMessage ? ['delete'] : []), ...(form.timeout ? ['timeout'] : [])],
      };
      const timeoutSeconds = numberField(form.timeoutSeconds);
      if (form.timeout && timeoutSeconds !== undefined) rule.timeoutSeconds = timeoutSeconds;
      if (form.type === 'banned_words') {
        rule.words = form.words
          .split('\n')
          .map((w) => w.trim())
          .filter((w) => w !== '');
      }
      if (form.type === 'mention_spam') rule.maxMentions = numberField(form.maxMentions);
      return rule;
    }),
  };
}

/**
 * Preview of a welcome template with sample values. Mirrors `renderWelcomeMessage` in
 * @guildscope/contracts (kept local so the static build does not depend on the server packages' build).
 */
export function previewWelcome(
  template: string,
  values: { user: string; server: string; memberCount: number },
): string {
  return template.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, name: string) =>
    name === 'user' || name === 'server' || name === 'memberCount' ? String(values[name]) : whole,
  );
}
