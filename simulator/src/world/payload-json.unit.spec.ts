import { describe, expect, it } from '@jest/globals';
import { GatewayIntentBits } from 'discord-api-types/v10';
import { messageCreateJson, messageCreatePayload } from '../actions/message.actions.js';
import { reactionAddPayload } from '../actions/reaction.actions.js';
import { ManualClock } from '../core/clock.js';
import { Simulator } from '../simulator.js';

// The hot paths concatenate JSON by hand; these must stay byte-identical to JSON.stringify of the typed objects.
function world() {
  const sim = new Simulator({ clock: new ManualClock(Date.UTC(2026, 0, 1)) });
  const g = sim.createGuild({ name: 'Payloads' });
  const [alice, bob] = sim.populate(g.id, 2);
  const channelId = sim.channels(g.id).text[0]!;
  return { sim, g, alice: alice!, bob: bob!, channelId };
}

describe('hand-built dispatch JSON', () => {
  it('MESSAGE_CREATE equals JSON.stringify of the payload, with mentions, nick, roles, timeout and odd content', () => {
    const { sim, g, alice, bob, channelId } = world();
    const mod = sim.guildRoles(g.id).moderator;
    sim.updateMemberRoles(g.id, alice.id, { moderatorId: g.ownerId, add: [mod] });
    sim.setNickname(g.id, alice.id, 'Ali "the" \\ Ce 🎉', { moderatorId: g.ownerId });
    sim.timeout(g.id, bob.id, { moderatorId: g.ownerId, until: sim.clock.now() + 60_000 });
    sim.timeout(g.id, bob.id, { moderatorId: g.ownerId, until: null });
    const content = `hi <@${sim.botUser.id}> "quoted" \\ back\nslash é 👍 \u2028`;
    const message = sim.sendMessage(channelId, {
      authorId: alice.id,
      content,
      mentionIds: [sim.botUser.id, bob.id, '123'],
    });
    const guild = sim.world.guild(g.id);
    const member = guild.members.get(alice.id)!;
    const reference = messageCreatePayload(sim.world, guild, message);
    expect(messageCreateJson(sim.world, guild, member, message, false)).toBe(JSON.stringify(reference));
    expect(messageCreateJson(sim.world, guild, member, message, true)).toBe(
      JSON.stringify({ ...reference, content: '', embeds: [], attachments: [], components: [] }),
    );
    // A member changed after a first serialisation is serialised with its new fields.
    sim.setNickname(g.id, alice.id, null, { moderatorId: g.ownerId });
    expect(messageCreateJson(sim.world, guild, member, message, false)).toBe(
      JSON.stringify(messageCreatePayload(sim.world, guild, message)),
    );
  });

  it('MESSAGE_REACTION_ADD on the wire equals JSON.stringify of the payload (unicode and animated custom emoji)', () => {
    const { sim, alice, bob, channelId } = world();
    const frames: string[] = [];
    sim.gateway.openVirtualSession({
      intents: GatewayIntentBits.GuildMessageReactions,
      sink: { send: (f) => frames.push(f), close: () => {} },
    });
    const m = sim.sendMessage(channelId, { authorId: alice.id, content: 'react to me' });
    const emojis = [
      { id: null, name: '🔥' },
      { id: '1234567890', name: 'party_"blob"', animated: true },
    ];
    for (const emoji of emojis) sim.addReaction(channelId, m.id, bob.id, emoji);
    const sent = frames.map((f) => JSON.parse(f) as { t: string; d: unknown });
    expect(sent.map((f) => f.t)).toEqual(['MESSAGE_REACTION_ADD', 'MESSAGE_REACTION_ADD']);
    for (const [i, emoji] of emojis.entries()) {
      const d = frames[i]!.slice(frames[i]!.indexOf('"d":') + 4, -1);
      expect(d).toBe(JSON.stringify(reactionAddPayload(sim.actionContext, channelId, m.id, bob.id, emoji)));
    }
  });

  it('sends no MESSAGE_CREATE to a session without GUILD_MESSAGES', () => {
    const { sim, alice, channelId } = world();
    const frames: string[] = [];
    sim.gateway.openVirtualSession({
      intents: GatewayIntentBits.Guilds,
      sink: { send: (f) => frames.push(f), close: () => {} },
    });
    sim.sendMessage(channelId, { authorId: alice.id, content: 'nobody listens' });
    expect(frames).toEqual([]);
  });
});
