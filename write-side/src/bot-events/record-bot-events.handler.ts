import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EventStore } from '../event-store/event-store.port.js';
import type { Clock } from '../shared/clock.js';
import { CLOCK, EVENT_STORE } from '../write-side.tokens.js';
import { RecordBotEvents, type RecordBotEventsResult } from './record-bot-events.command.js';
import { recordBotEvents } from './record-bot-events.js';

@CommandHandler(RecordBotEvents)
export class RecordBotEventsHandler implements ICommandHandler<RecordBotEvents, RecordBotEventsResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(command: RecordBotEvents): Promise<RecordBotEventsResult> {
    return recordBotEvents(this.eventStore, this.clock, command);
  }
}
