import type { BotEvent } from '@guildscope/contracts';
import type { RecordedEvent } from '@guildscope/write-side';
import { formatPosition } from '@guildscope/write-side';

/** A stored guild event with its DTO (`data` is the whole BotEventDto). */
export interface GuildEvent {
  readonly recorded: RecordedEvent;
  readonly dto: BotEvent;
}

/** Reads the DTO of a stored event; the gateway validated it before it was appended. */
export function guildEvent(recorded: RecordedEvent): GuildEvent {
  const dto = recorded.data as BotEvent;
  if (!dto || typeof dto !== 'object' || dto.type !== recorded.type) {
    throw new TypeError(
      `event data is not a ${recorded.type} BotEventDto (data.type is ${String((dto as { type?: unknown })?.type)})`,
    );
  }
  return { recorded, dto };
}

/** ISO text of each event's time: a projection asks for it several times per event. */
const occurredAtCache = new WeakMap<GuildEvent, string>();

/** Event time (the bot's `timestamp`) as ISO text for timestamptz columns. */
export function occurredAt(e: GuildEvent): string {
  let at = occurredAtCache.get(e);
  if (at === undefined) {
    at = new Date(e.dto.timestamp).toISOString();
    occurredAtCache.set(e, at);
  }
  return at;
}

/** Columns pointing back to the event: stream, revision, event id, position. */
export function eventPointer(e: GuildEvent) {
  return {
    stream_id: e.recorded.streamId,
    revision: e.recorded.revision,
    event_id: e.recorded.id,
    position: formatPosition(e.recorded.position),
  };
}

/** Bot id from the event metadata (who observed it). */
export function botIdOf(e: GuildEvent): string | null {
  const botId = e.recorded.metadata.botId;
  return typeof botId === 'string' ? botId : null;
}

export function shardIdOf(e: GuildEvent): number | null {
  const shardId = e.recorded.metadata.shardId;
  return typeof shardId === 'number' ? shardId : null;
}
