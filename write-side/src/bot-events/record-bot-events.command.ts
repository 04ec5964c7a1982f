import type { BotEventDto } from '@guildscope/contracts';
import { Command } from '@nestjs/cqrs';

/** What happened to each event of a recorded batch, index for index. */
export type RecordedEventOutcome = 'accepted' | 'duplicate';

export interface RecordBotEventsResult {
  /** One entry per input event, in input order. */
  readonly outcomes: readonly RecordedEventOutcome[];
  /** Events newly stored. */
  readonly accepted: number;
  /** Events already stored (a retried batch, or the same id twice in this batch): not stored again. */
  readonly duplicates: number;
}

/**
 * Record a batch of events from one bot connection (one shard). The events must already be validated
 * with `parseBotEvent`/`parseBotEventBatch` from contracts: this command trusts their shape. Each event
 * goes to `guild-<guildId>` with metadata `{ eventId, botId, shardId, occurredAt, receivedAt,
 * schemaVersion }`, all streams in one `appendMany` (one transaction on SQLite). Resolves once durable.
 */
export class RecordBotEvents extends Command<RecordBotEventsResult> {
  constructor(
    readonly botId: string,
    readonly shardId: number,
    readonly events: readonly BotEventDto[],
  ) {
    super();
  }
}
