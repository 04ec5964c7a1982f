/** A rule that answers the next `count` matching requests with 429. */
export interface RateLimitRule {
  scope: 'global' | 'route';
  /** For `route`: a route template (`/guilds/:guildId/invites`) or a literal path prefix. */
  route?: string;
  count: number;
  retryAfterMs: number;
}

/** Faults injected into REST: latency and rate limits. */
export class RestChaos {
  delayMs = 0;
  private rules: RateLimitRule[] = [];

  rateLimit(rule: RateLimitRule): void {
    if (rule.count < 1 || rule.retryAfterMs < 0)
      throw new RangeError('rate limit needs count >= 1 and retryAfterMs >= 0');
    if (rule.scope === 'route' && !rule.route) throw new RangeError('a route rate limit needs `route`');
    this.rules.push({ ...rule });
  }

  clear(): void {
    this.delayMs = 0;
    this.rules = [];
  }

  /** Consumes one matching rule, if any. */
  take(template: string, path: string): RateLimitRule | null {
    const rule = this.rules.find(
      (r) =>
        r.scope === 'global' || r.route === template || (r.route !== undefined && path.startsWith(r.route)),
    );
    if (!rule) return null;
    rule.count--;
    if (rule.count === 0) this.rules.splice(this.rules.indexOf(rule), 1);
    return rule;
  }
}
