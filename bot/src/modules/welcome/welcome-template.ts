export interface WelcomeTemplateValues {
  userId: string;
  serverName: string;
  memberCount: number;
}

const PLACEHOLDER = /\{(user|server|memberCount)\}/g;

/**
 * Renders a welcome template: `{user}` becomes a mention of the new member, `{server}` the guild name,
 * `{memberCount}` the member count. Other braces are left as written, so a typo stays visible.
 */
export function renderWelcomeTemplate(template: string, v: WelcomeTemplateValues): string {
  return template.replace(PLACEHOLDER, (_m, key: string) => {
    switch (key) {
      case 'user':
        return `<@${v.userId}>`;
      case 'server':
        return v.serverName;
      case 'memberCount':
        return String(v.memberCount);
      default:
        return _m;
    }
  });
}
