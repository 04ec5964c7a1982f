import type { ModuleConfigsSnapshot } from '@guildscope/contracts';
import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { EventStore } from '../event-store/event-store.port.js';
import { EVENT_STORE } from '../write-side.tokens.js';
import { GetModuleConfigs, readModuleConfigs } from './module-configs.query.js';

@QueryHandler(GetModuleConfigs)
export class GetModuleConfigsHandler implements IQueryHandler<GetModuleConfigs, ModuleConfigsSnapshot> {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  execute(query: GetModuleConfigs): Promise<ModuleConfigsSnapshot> {
    return readModuleConfigs(this.eventStore, query.guildIds);
  }
}
