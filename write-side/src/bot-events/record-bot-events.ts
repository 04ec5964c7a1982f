import { type BotEventDto, eventMetadataFor, guildStream } from '@guildscope/contracts';
import type { AppendResult, EventStore, EventToAppend } from '../event-store/event-store.port.js';
import type { Clock } from '../shared/clock.js';
import type { RecordBotEventsResult, RecordedEventOutcome } from './record-bot-events.command.js';

/** One bot connection's validated batch. */
export interface BotEventBatch {
  readonly botId: string;
  readonly shardId: number;
  readonly events: readonly BotEventDto[];
}

interface StreamGroup {
  readonly streamId: string;
  /** [batch index, event index] of each event of the group, in append order. */
  readonly origins: Array<readonly [number, number]>;
  readonly events: BotEventDto[];
  readonly toAppend: EventToAppend[];
}

/**
 * Appends validated batches to the guild streams in ONE `appendMany` (one transaction on SQLite;
 * expected revision `any`: bot events are facts, not decisions, so there is nothing to be concurrent
 * with) and reports, index for index, whether each event was stored now or was already there. Events of
 * one stream keep the order of the batches, then of the events in each batch. The store skips ids already
 * present in a stream, which makes a retried batch harmless; an id repeated within the call is a
 * duplicate of its first occurrence.
 */
export async function recordBotEventBatches(
  eventStore: EventStore,
  clock: Clock,
  batches: readonly BotEventBatch[],
): Promise<RecordBotEventsResult[]> {
  const outcomes: RecordedEventOutcome[][] = batches.map((b) => new Array(b.events.length));
  const receivedAt = clock().getTime();
  const groups = new Map<string, StreamGroup>();
  const seen = new Set<string>();
  for (const [b, batch] of batches.entries()) {
    const source = { botId: batch.botId, shardId: batch.shardId, receivedAt };
    for (const [i, event] of batch.events.entries()) {
      const streamId = guildStream(event.guildId);
      const key = `${streamId}\u0000${event.id.toLowerCase()}`;
      if (seen.has(key)) {
        (outcomes[b] as RecordedEventOutcome[])[i] = 'duplicate';
        continue;
      }
      seen.add(key);
      let group = groups.get(streamId);
      if (!group) {
        group = { streamId, origins: [], events: [], toAppend: [] };
        groups.set(streamId, group);
      }
      group.origins.push([b, i]);
      group.events.push(event);
      group.toAppend.push({
        id: event.id,
        type: event.type,
        data: event,
        metadata: eventMetadataFor(event, source),
      });
    }
  }

  if (groups.size > 0) {
    const results = await eventStore.appendMany(
      [...groups.values()].map((g) => ({
        streamId: g.streamId,
        expectedRevision: 'any' as const,
        events: g.toAppend,
      })),
      // Bot events come out of the contracts' schemas (JSON in, plain values out), and their metadata
      // is built from them: the store need not walk them again.
      { plainJson: true },
    );
    for (const [index, group] of [...groups.values()].entries()) {
      const accepted = await acceptedIdsOf(eventStore, group, results[index] as AppendResult);
      for (const [k, [b, i]] of group.origins.entries()) {
        const id = (group.events[k] as BotEventDto).id.toLowerCase();
        (outcomes[b] as RecordedEventOutcome[])[i] =
          accepted === 'all' || accepted.has(id) ? 'accepted' : 'duplicate';
      }
    }
  }
  return outcomes.map((o) => {
    let accepted = 0;
    for (const outcome of o) if (outcome === 'accepted') accepted++;
    return { outcomes: o, accepted, duplicates: o.length - accepted };
  });
}

/** {@link recordBotEventBatches} for one batch. */
export async function recordBotEvents(
  eventStore: EventStore,
  clock: Clock,
  batch: BotEventBatch,
): Promise<RecordBotEventsResult> {
  return (await recordBotEventBatches(eventStore, clock, [batch]))[0] as RecordBotEventsResult;
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
