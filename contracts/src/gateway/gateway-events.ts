import type { BotEventDto } from '../events/bot-event.schema.js';
import type { ModuleConfigsSnapshot } from '../modules/module-configs-snapshot.schema.js';
import type { GuildsAddAck, ModuleAckMessage, ModuleChangeMessage } from './config-feed.schema.js';
import type { GatewayErrorMessage } from './gateway-error.schema.js';
import type { ToBackendAck } from './to-backend-ack.schema.js';

/**
 * The wire protocol between bots and the gateway (Socket.IO, default namespace), as Socket.IO typed event
 * maps: the gateway is a `Server<ClientToServerEvents, ServerToClientEvents>`, the bot a
 * `Socket<ServerToClientEvents, ClientToServerEvents>`, so an event name or payload that does not match
 * fails the build on both sides. Types say what a well-behaved peer sends; a receiver still parses with
 * the matching schema (`toBackendAckSchema`, `moduleChangeMessageSchema`...) before trusting a payload.
 * The handshake is `io(url, { auth })` with a `BotHandshakeAuth`.
 */
export interface ClientToServerEvents {
  /** A batch of events; the ack comes once the recorded ones are durable. */
  'to-backend': (events: BotEventDto[], ack: (answer: ToBackendAck) => void) => void;
  /** Every `module:change` up to `position` is applied (sent once per applied change). */
  'module:ack': (ack: ModuleAckMessage) => void;
  /** Guilds joined after connecting; the ack carries their config snapshot. */
  'guilds:add': (guildIds: string[], ack: (answer: GuildsAddAck) => void) => void;
}

/** What the gateway sends a bot. */
export interface ServerToClientEvents {
  /** Once after connecting without `configPosition`: the config of the connection's guilds. */
  'module:config-snapshot': (snapshot: ModuleConfigsSnapshot) => void;
  /** One per config change of the connection's guilds, in log order; ack it with `module:ack`. */
  'module:change': (change: ModuleChangeMessage) => void;
  /** Protocol misuse that has no ack to answer through. Nothing was changed. */
  'gateway:error': (error: GatewayErrorMessage) => void;
}

/** A name the gateway accepts from a bot. */
export type ClientToServerEventName = keyof ClientToServerEvents;

// A record, not a list: the compiler then requires every name of the map, and no other.
const clientToServerEvents: Record<ClientToServerEventName, true> = {
  'to-backend': true,
  'module:ack': true,
  'guilds:add': true,
};

/** The names of {@link ClientToServerEvents}, for a receiver that must tell them from unknown names. */
export const clientToServerEventNames = Object.keys(clientToServerEvents) as ClientToServerEventName[];
