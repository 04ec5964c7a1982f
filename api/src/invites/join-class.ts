import type { InviteClass } from '@guildscope/contracts';
import type { JoinClass } from '../schema/generated/schema-types.js';

const joinClassOf: Readonly<Record<InviteClass, JoinClass>> = {
  invite: 'INVITE',
  vanity: 'VANITY',
  unknown: 'UNKNOWN',
  'no-permission': 'NO_PERMISSION',
  bot: 'BOT',
};

/** `no-permission` (read model) -> `NO_PERMISSION` (GraphQL enum). */
export function joinClassEnumValue(c: InviteClass): JoinClass {
  return joinClassOf[c];
}
