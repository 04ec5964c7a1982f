import type { APIUser } from 'discord-api-types/v10';
import type { SimMember } from './world.types.js';

/**
 * Pre-serialised JSON of the parts every message-traffic payload repeats (author, member), so the hot paths
 * build frames by concatenation instead of building and stringifying discord-api-types objects. The output is
 * byte-identical to `JSON.stringify` of the objects `serialize.ts` builds (same keys, same order); a unit test
 * holds the two together. Users never change once created, so their JSON is kept (one string per user).
 */
export class PayloadJson {
  private readonly users = new WeakMap<APIUser, string>();
  private lastIsoMs = Number.NaN;
  private lastIso = '';

  /** `JSON.stringify(user)`. */
  user(user: APIUser): string {
    let json = this.users.get(user);
    if (json === undefined) {
      json = JSON.stringify(user);
      this.users.set(user, json);
    }
    return json;
  }

  /** `JSON.stringify(toApiMember(...))` without `user`: what MESSAGE_CREATE carries as `member`. */
  memberWithoutUser(member: SimMember): string {
    return `{${this.memberFields(member)}}`;
  }

  /** `JSON.stringify(toApiMember(...))` (the user first, as `toApiMember` builds it). */
  member(user: APIUser, member: SimMember): string {
    return `{"user":${this.user(user)},${this.memberFields(member)}}`;
  }

  /** `new Date(ms).toISOString()`, remembered for the last millisecond (traffic stamps many events alike). */
  iso(ms: number): string {
    if (ms !== this.lastIsoMs) {
      this.lastIso = new Date(ms).toISOString();
      this.lastIsoMs = ms;
    }
    return this.lastIso;
  }

  /**
   * Members change (timeouts, roles, nick), so their fields are built on each use, cheaply: the timestamps are
   * ours (`toISOString`), role ids are digits; only a nickname needs escaping.
   */
  private memberFields(m: SimMember): string {
    const roles = m.roles.length === 0 ? '[]' : `["${m.roles.join('","')}"]`;
    const until = m.communicationDisabledUntil === null ? 'null' : `"${m.communicationDisabledUntil}"`;
    return (
      `"nick":${m.nick === null ? 'null' : JSON.stringify(m.nick)},"avatar":null,"banner":null,"roles":${roles},` +
      `"joined_at":"${m.joinedAt}","premium_since":null,"deaf":${m.deaf},"mute":${m.mute},"flags":${m.flags},` +
      `"pending":${m.pending},"communication_disabled_until":${until}`
    );
  }
}

/**
 * Makes V8 store a concatenated string as one flat string (reading a character flattens it). A string built by
 * `+` is a tree of parts, several times larger than its text, that every GC traverses while it is kept (cached
 * parts, resume buffers).
 */
export function flatten(s: string): string {
  s.charCodeAt(0);
  return s;
}
