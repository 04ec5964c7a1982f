import { attributeJoin, type KnownInvite } from './invite-attribution.js';

const inv = (code: string, uses: number, extra: Partial<KnownInvite> = {}): KnownInvite => ({
  code,
  uses,
  maxUses: 0,
  inviterId: `inviter-${code}`,
  inviterUsername: `name-${code}`,
  channelId: 'c',
  expiresAt: null,
  ...extra,
});
const map = (...invites: KnownInvite[]) => new Map(invites.map((i) => [i.code, i]));
const base = { vanityBefore: null, vanityAfter: null, joinSeq: 10, now: 1000 };

describe('attributeJoin', () => {
  it('credits the one invite whose uses went up by one', () => {
    const a = attributeJoin({
      ...base,
      before: map(inv('a', 1), inv('b', 5)),
      after: map(inv('a', 2), inv('b', 5)),
    });
    expect(a).toEqual({
      class: 'invite',
      code: 'a',
      inviterId: 'inviter-a',
      inviterUsername: 'name-a',
      uses: 2,
      maxUses: 0,
      vanished: false,
    });
  });

  it('credits the vanity URL when only its uses went up', () => {
    const a = attributeJoin({
      ...base,
      before: map(inv('a', 1)),
      after: map(inv('a', 1)),
      vanityBefore: { code: 'cool', uses: 7 },
      vanityAfter: { code: 'cool', uses: 8 },
    });
    expect(a).toEqual({ class: 'vanity', code: 'cool', uses: 8 });
  });

  it('credits a single-use invite that vanished when it is the only candidate', () => {
    const a = attributeJoin({
      ...base,
      before: map(inv('once', 0, { maxUses: 1 }), inv('b', 3)),
      after: map(inv('b', 3)),
    });
    expect(a).toMatchObject({ class: 'invite', code: 'once', vanished: true, uses: 1, maxUses: 1 });
  });

  it('does not credit an invite deleted before the join', () => {
    const a = attributeJoin({
      ...base,
      before: map(inv('once', 0, { maxUses: 1, deletedAtSeq: 9 })),
      after: map(),
    });
    expect(a).toEqual({ class: 'unknown', reason: 'no-change' });
  });

  it('marks unknown when two single-use invites vanished', () => {
    const a = attributeJoin({
      ...base,
      before: map(inv('x', 0, { maxUses: 1 }), inv('y', 4, { maxUses: 5, deletedAtSeq: 11 })),
      after: map(),
    });
    expect(a).toEqual({ class: 'unknown', reason: 'ambiguous' });
  });

  it('marks unknown when two joins are folded into one diff', () => {
    const a = attributeJoin({
      ...base,
      before: map(inv('a', 1), inv('b', 1)),
      after: map(inv('a', 2), inv('b', 2)),
    });
    expect(a).toEqual({ class: 'unknown', reason: 'ambiguous' });
    const same = attributeJoin({ ...base, before: map(inv('a', 1)), after: map(inv('a', 3)) });
    expect(same).toEqual({ class: 'unknown', reason: 'ambiguous' });
  });

  it('ignores expired invites that disappeared', () => {
    const a = attributeJoin({
      ...base,
      before: map(inv('old', 0, { maxUses: 1, expiresAt: 500 })),
      after: map(),
    });
    expect(a).toEqual({ class: 'unknown', reason: 'no-change' });
  });

  it('credits an invite created and used before the bot saw its creation', () => {
    const a = attributeJoin({ ...base, before: map(), after: map(inv('fresh', 1)) });
    expect(a).toMatchObject({ class: 'invite', code: 'fresh' });
  });
});
