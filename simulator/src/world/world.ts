import type { APIUser } from 'discord-api-types/v10';
import { apiErrors } from '../core/api-error.js';
import { PayloadJson } from './payload-json.js';
import type { PostedMessage, SimChannel, SimGuild, SimMember, SimMessage } from './world.types.js';

/**
 * The simulated Discord state: every guild, user and message. Plain data plus lookups that fail with the
 * Discord error a REST caller would get; actions (in `actions/`) change it and emit the gateway events.
 */
export class World {
  readonly users = new Map<string, APIUser>();
  readonly guilds = new Map<string, SimGuild>();
  /** channel id -> guild id */
  readonly channelGuild = new Map<string, string>();
  /** channel id -> recent messages (oldest first, capped by `messageRetention`) */
  readonly messages = new Map<string, Map<string, SimMessage>>();
  /** Messages the bot posted through REST, in order. */
  readonly posted: PostedMessage[] = [];
  /** Pre-serialised users and members for the hot dispatch paths. */
  readonly json = new PayloadJson();

  constructor(
    readonly botUser: APIUser,
    readonly applicationId: string,
    /** Messages kept per channel: traffic runs produce millions, tests only need the recent ones. */
    readonly messageRetention = 50,
  ) {
    this.users.set(botUser.id, botUser);
  }

  guild(guildId: string): SimGuild {
    const guild = this.guilds.get(guildId);
    if (!guild) throw apiErrors.unknownGuild();
    return guild;
  }

  /** A guild the bot is in (REST calls for other guilds fail like on Discord). */
  botGuild(guildId: string): SimGuild {
    const guild = this.guilds.get(guildId);
    if (!guild?.botPresent) throw apiErrors.unknownGuild();
    return guild;
  }

  user(userId: string): APIUser {
    const user = this.users.get(userId);
    if (!user) throw apiErrors.unknownUser();
    return user;
  }

  member(guild: SimGuild, userId: string): SimMember {
    const member = guild.members.get(userId);
    if (!member) throw apiErrors.unknownMember();
    return member;
  }

  channel(channelId: string): { guild: SimGuild; channel: SimChannel } {
    const guildId = this.channelGuild.get(channelId);
    const guild = guildId ? this.guilds.get(guildId) : undefined;
    const channel = guild?.channels.get(channelId);
    if (!guild || !channel) throw apiErrors.unknownChannel();
    return { guild, channel };
  }

  message(channelId: string, messageId: string): SimMessage {
    const message = this.messages.get(channelId)?.get(messageId);
    if (!message) throw apiErrors.unknownMessage();
    return message;
  }

  storeMessage(message: SimMessage): void {
    let channelMessages = this.messages.get(message.channelId);
    if (!channelMessages) {
      channelMessages = new Map();
      this.messages.set(message.channelId, channelMessages);
    }
    channelMessages.set(message.id, message);
    if (channelMessages.size > this.messageRetention) {
      // Maps iterate in insertion order: the first key is the oldest message.
      const oldest = channelMessages.keys().next().value;
      if (oldest !== undefined) channelMessages.delete(oldest);
    }
  }

  removeMessage(channelId: string, messageId: string): void {
    this.messages.get(channelId)?.delete(messageId);
  }

  /** Every guild the bot is in. */
  botGuilds(): SimGuild[] {
    return [...this.guilds.values()].filter((g) => g.botPresent);
  }
}
