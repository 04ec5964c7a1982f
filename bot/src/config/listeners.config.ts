import { type AcceptedEventType, acceptedEventTypes } from '@guildscope/contracts';

/** The one accepted type no Discord listener emits: our automod module records it. */
type ModuleEventType = 'BOT_AUTOMOD_ACTION';
/** Discord events the metrics collector aggregates into snapshots instead of sending them. */
const AGGREGATED_LISTENERS = ['MESSAGE_CREATE', 'VOICE_STATE_UPDATE', 'MESSAGE_REACTION_ADD'] as const;

/**
 * Listeners the bot can run (seed 000 `ENABLED_LISTENERS`, Phase 1 all on): one per accepted event type
 * of the catalogue (the snapshots stand for the collector), then the Discord events it aggregates.
 */
export const LISTENER_TYPES = [
  ...acceptedEventTypes.filter(
    (t): t is Exclude<AcceptedEventType, ModuleEventType> => t !== 'BOT_AUTOMOD_ACTION',
  ),
  ...AGGREGATED_LISTENERS,
];
export type ListenerType = (typeof LISTENER_TYPES)[number];

export type EnabledListeners = Record<ListenerType, boolean>;

export const DEFAULT_ENABLED_LISTENERS: EnabledListeners = Object.fromEntries(
  LISTENER_TYPES.map((t) => [t, true]),
) as EnabledListeners;
