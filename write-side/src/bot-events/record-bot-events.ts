import { type BotEventDto, eventMetadataFor, guildStream } from '@guildscope/contracts';
import type { AppendResult, EventStore, StreamAppend } from '../event-store/event-store.port.js';
import type { Clock } from '../shared/clock.js';
import type { RecordBotEventsResult, RecordedEventOutcome } from './record-bot-events.command.js';

interface StreamGroup {
  readonly streamId: string;
  readonly indexes: number[];
  readonly events: BotEventDto[];
}

/**
 * Appends a validated batch to the guild streams (one `appendMany`, expected revision `any`: bot events
 * are facts, not decisions, so there is nothing to be concurrent with) and reports, index for index,
 * whether each event was stored now or was already there. The store skips ids already present in a
 * stream, which makes a retried batch harmless.
 */
export async function recordBotEvents(
  eventStore: EventStore,
  clock: Clock,
  input: { botId: string; shardId: number; events: readonly BotEventDto[] },
): Promise<RecordBotEventsResult> {
  const outcomes: RecordedEventOutcome[] = new Array(input.events.length);
  if (input.events.length === 0) return { outcomes, accepted: 0, duplicates: 0 };
  const receivedAt = clock().getTime();
  const source = { botId: input.botId, shardId: input.shardId, receivedAt };

  const groups = new Map<string, StreamGroup>();
  const seen = new Set<string>();
  for (const [index, event] of input.events.entries()) {
    const streamId = guildStream(event.guildId);
    // The same id twice in one batch: the second is a duplicate of the first, whatever the store says.
    const key = `${streamId}\u0000${event.id.toLowerCase()}`;
    if (seen.has(key)) {
      outcomes[index] = 'duplicate';
      continue;
    }
    seen.add(key);
    let group = groups.get(streamId);
    if (!group) {
      group = { streamId, indexes: [], events: [] };
      groups.set(streamId, group);
    }
    group.indexes.push(index);
    group.events.push(event);
  }

  const appends: StreamAppend[] = [...groups.values()].map((g) => ({
    streamId: g.streamId,
    expectedRevision: 'any',
    events: g.events.map((event) => ({
      id: event.id,
      type: event.type,
      data: event,
      metadata: eventMetadataFor(event, source),
    })),
  }));
  const results = await eventStore.appendMany(appends);

  let index = 0;
  for (const group of groups.values()) {
    const result = results[index++] as AppendResult;
    const acceptedIds = await acceptedIdsOf(eventStore, group, result);
    for (const [i, inputIndex] of group.indexes.entries()) {
      const id = (group.events[i] as BotEventDto).id.toLowerCase();
      outcomes[inputIndex] = acceptedIds === 'all' || acceptedIds.has(id) ? 'accepted' : 'duplicate';
    }
  }
  let accepted = 0;
  for (const o of outcomes) if (o === 'accepted') accepted++;
  return { outcomes, accepted, duplicates: outcomes.length - accepted };
}

/**
 * Which events of a group the append stored. Only a partly retried group (some ids new, some not)
 * needs a read: the events it wrote are the `appended` last revisions of the stream, contiguous because
 * one append is atomic.
 */
async function acceptedIdsOf(
  eventStore: EventStore,
  group: StreamGroup,
  result: AppendResult,
): Promise<'all' | ReadonlySet<string>> {
  if (result.duplicates === 0) return 'all';
  const ids = new Set<string>();
  if (result.appended === 0) return ids;
  const fromRevision = result.nextExpectedRevision - result.appended + 1;
  for await (const recorded of eventStore.readStream(group.streamId, {
    fromRevision,
    maxCount: result.appended,
  }))
    ids.add(recorded.id.toLowerCase());
  return ids;
}
