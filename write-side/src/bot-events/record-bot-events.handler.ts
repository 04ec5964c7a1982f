import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { BOT_EVENT_RECORDER } from '../write-side.tokens.js';
import type { BotEventRecorder } from './bot-event.recorder.js';
import { RecordBotEvents, type RecordBotEventsResult } from './record-bot-events.command.js';

@CommandHandler(RecordBotEvents)
export class RecordBotEventsHandler implements ICommandHandler<RecordBotEvents, RecordBotEventsResult> {
  constructor(@Inject(BOT_EVENT_RECORDER) private readonly recorder: BotEventRecorder) {}

  execute(command: RecordBotEvents): Promise<RecordBotEventsResult> {
    return this.recorder.record(command);
  }
}
