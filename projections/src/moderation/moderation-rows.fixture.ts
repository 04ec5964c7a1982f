import type { BotEvent } from '@guildscope/contracts';
import { type GuildEvent, guildEvent } from '../shared/guild-event.js';
import { type ModerationLogRow, rowFor } from './moderation-entry.js';

let lastPosition = 0n;
const revisions = new Map<string, number>();

/** A bot event as the store hands it back: next position in the log, next revision of its guild stream. */
export function recordedGuildEvent(dto: BotEvent): GuildEvent {
  lastPosition += 1n;
  const streamId = `guild-${dto.guildId}`;
  const revision = (revisions.get(streamId) ?? -1) + 1;
  revisions.set(streamId, revision);
  return guildEvent({
    streamId,
    revision,
    position: { commit: lastPosition, prepare: lastPosition },
    id: dto.id,
    type: dto.type,
    data: dto,
    metadata: { eventId: dto.id, botId: 'bot-1', shardId: 0, occurredAt: dto.timestamp },
    createdAt: new Date(dto.timestamp),
  });
}

/** The rows the events make on their own, in log order (what the projection's `prepare` builds). */
export function rowsOf(...events: BotEvent[]): ModerationLogRow[] {
  return events.map((dto) => rowFor(recordedGuildEvent(dto)));
}
