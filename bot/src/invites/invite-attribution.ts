/** What the bot knows about one invite at a point in time. */
export interface KnownInvite {
  code: string;
  uses: number;
  /** 0 = unlimited. */
  maxUses: number;
  inviterId: string | null;
  inviterUsername: string | null;
  channelId: string | null;
  /** Epoch ms, null = never expires. */
  expiresAt: number | null;
  /**
   * Sequence number (in the guild's event order) of the INVITE_DELETE seen for this code, if any. A
   * code deleted BEFORE a join cannot explain that join; one deleted after it (or never reported) can.
   */
  deletedAtSeq?: number;
}

export type InviteAttribution =
  | {
      class: 'invite';
      code: string;
      inviterId: string | null;
      inviterUsername: string | null;
      uses: number;
      maxUses: number;
      /** The invite was single-use-remaining and disappeared: its use is inferred, not counted. */
      vanished: boolean;
    }
  | { class: 'vanity'; code: string; uses: number }
  | { class: 'unknown'; reason: 'no-change' | 'ambiguous' | 'fetch-failed' }
  | { class: 'bot' }
  | { class: 'no-permission' };

export interface JoinDiffInput {
  /** Invites known before this join (the cache), deleted ones still present with `deletedAtSeq`. */
  before: ReadonlyMap<string, KnownInvite>;
  /** Invites fetched after this join. */
  after: ReadonlyMap<string, KnownInvite>;
  vanityBefore: { code: string; uses: number } | null;
  vanityAfter: { code: string; uses: number } | null;
  /** Sequence number of the join in the guild's event order. */
  joinSeq: number;
  now: number;
}

/**
 * Attributes one join by comparing invite use counts before and after it. Never guesses: the join is
 * credited only when exactly one thing changed by exactly one use (one invite +1, the vanity +1, or one
 * single-use invite that vanished); anything else (two joins folded into the same diff, an invite
 * increase plus a vanished candidate...) is `unknown`.
 */
export function attributeJoin(input: JoinDiffInput): InviteAttribution {
  const { before, after } = input;
  let totalDelta = 0;
  let increased: KnownInvite | null = null;
  for (const [code, now] of after) {
    const was = before.get(code);
    const delta = now.uses - (was?.uses ?? 0);
    if (delta > 0) {
      totalDelta += delta;
      increased = now;
    }
  }
  let vanityDelta = 0;
  if (input.vanityAfter) {
    const was =
      input.vanityBefore?.code === input.vanityAfter.code ? input.vanityBefore.uses : input.vanityAfter.uses;
    vanityDelta = Math.max(0, input.vanityAfter.uses - was);
  }
  const vanished = [...before.values()].filter(
    (inv) =>
      !after.has(inv.code) &&
      inv.maxUses > 0 &&
      inv.uses === inv.maxUses - 1 &&
      (inv.expiresAt === null || inv.expiresAt > input.now) &&
      (inv.deletedAtSeq === undefined || inv.deletedAtSeq > input.joinSeq),
  );

  const signals = totalDelta + vanityDelta + vanished.length;
  if (signals === 0) return { class: 'unknown', reason: 'no-change' };
  if (signals > 1) return { class: 'unknown', reason: 'ambiguous' };
  if (increased) {
    return {
      class: 'invite',
      code: increased.code,
      inviterId: increased.inviterId,
      inviterUsername: increased.inviterUsername,
      uses: increased.uses,
      maxUses: increased.maxUses,
      vanished: false,
    };
  }
  if (vanityDelta === 1 && input.vanityAfter) {
    return { class: 'vanity', code: input.vanityAfter.code, uses: input.vanityAfter.uses };
  }
  const v = vanished[0];
  if (!v) return { class: 'unknown', reason: 'no-change' };
  return {
    class: 'invite',
    code: v.code,
    inviterId: v.inviterId,
    inviterUsername: v.inviterUsername,
    uses: v.uses + 1,
    maxUses: v.maxUses,
    vanished: true,
  };
}
