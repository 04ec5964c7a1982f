import { Client, type ClientOptions, Events, GatewayIntentBits, Partials } from 'discord.js';
import type { SimulatorUrls } from '../simulator.js';

/** Every intent Guildscope's bot uses. */
export const BOT_INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMembers,
  GatewayIntentBits.GuildModeration,
  GatewayIntentBits.GuildInvites,
  GatewayIntentBits.GuildVoiceStates,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.GuildMessageReactions,
  GatewayIntentBits.MessageContent,
  GatewayIntentBits.AutoModerationConfiguration,
  GatewayIntentBits.AutoModerationExecution,
];

/** A plain discord.js client pointed at the simulator; resolves once `ready`. */
export async function loginClient(
  urls: SimulatorUrls,
  token: string,
  options: Partial<ClientOptions> = {},
): Promise<Client<true>> {
  const client = new Client({
    intents: BOT_INTENTS,
    partials: [Partials.GuildMember, Partials.Message, Partials.Reaction, Partials.User, Partials.Channel],
    ...options,
    rest: { api: urls.restBase, ...options.rest },
  });
  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  await client.login(token);
  return ready;
}

/** Resolves with the arguments of the next `event` the client emits (rejects after `ms`). */
export function nextEvent<T extends unknown[]>(
  client: Client,
  event: string,
  ms = 5_000,
  filter: (...args: T) => boolean = () => true,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off(event, listener);
      reject(new Error(`timed out after ${ms} ms waiting for ${event}`));
    }, ms);
    const listener = (...args: unknown[]) => {
      if (!filter(...(args as T))) return;
      clearTimeout(timer);
      client.off(event, listener);
      resolve(args as T);
    };
    client.on(event, listener);
  });
}
