import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GatewayIntentBits, GatewayOpcodes } from 'discord-api-types/v10';
import { WebSocket } from 'ws';
import { Simulator } from '../simulator.js';

interface Frame {
  op: number;
  s?: number;
  t?: string;
  d: unknown;
  binary: boolean;
}

// The resume buffer is a ring of the last `resumeBufferSize` frames kept as bytes; these check what a client
// resuming after a dropped connection gets, over a raw socket.
describe('RESUME from the ring buffer', () => {
  const sim = new Simulator({ gateway: { resumeBufferSize: 50 } });
  let channelId = '';
  let authorId = '';

  beforeAll(async () => {
    const g = sim.createGuild({ name: 'Resume' });
    [authorId] = sim.populate(g.id, 1).map((u) => u.id) as [string];
    channelId = sim.channels(g.id).text[0]!;
    await sim.start();
  });
  afterAll(() => sim.stop());

  function open(): { ws: WebSocket; frames: Frame[]; next: (pred: (f: Frame) => boolean) => Promise<Frame> } {
    const ws = new WebSocket(`${sim.urls.gatewayUrl}?v=10&encoding=json`);
    const frames: Frame[] = [];
    const waiters: { pred: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
    ws.on('message', (data, isBinary) => {
      const frame = { ...JSON.parse(data.toString()), binary: isBinary } as Frame;
      frames.push(frame);
      for (const w of waiters.filter((w) => w.pred(frame))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(frame);
      }
    });
    const next = (pred: (f: Frame) => boolean) =>
      new Promise<Frame>((resolve) => {
        const seen = frames.find(pred);
        if (seen) resolve(seen);
        else waiters.push({ pred, resolve });
      });
    return { ws, frames, next };
  }

  async function identifyThenDrop(): Promise<{ sessionId: string; lastSeq: number }> {
    const c = open();
    await c.next((f) => f.op === GatewayOpcodes.Hello);
    const intents = GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages;
    c.ws.send(
      JSON.stringify({ op: GatewayOpcodes.Identify, d: { token: sim.token, intents, properties: {} } }),
    );
    const ready = await c.next((f) => f.t === 'READY');
    const created = await c.next((f) => f.t === 'GUILD_CREATE');
    const closed = new Promise((resolve) => c.ws.once('close', resolve));
    sim.dropConnections();
    await closed;
    return { sessionId: (ready.d as { session_id: string }).session_id, lastSeq: created.s! };
  }

  async function resume(sessionId: string, seq: number) {
    const c = open();
    await c.next((f) => f.op === GatewayOpcodes.Hello);
    c.ws.send(
      JSON.stringify({ op: GatewayOpcodes.Resume, d: { token: sim.token, session_id: sessionId, seq } }),
    );
    const end = await c.next((f) => f.t === 'RESUMED' || f.op === GatewayOpcodes.InvalidSession);
    c.ws.close();
    return { end, frames: c.frames.filter((f) => f.op === 0) };
  }

  it('replays exactly the frames missed while disconnected, in order, as text frames', async () => {
    const { sessionId, lastSeq } = await identifyThenDrop();
    const sent = Array.from(
      { length: 30 },
      (_, i) => sim.sendMessage(channelId, { authorId, content: `m${i}` }).id,
    );
    const { end, frames } = await resume(sessionId, lastSeq);
    expect(end.t).toBe('RESUMED');
    const replayed = frames.filter((f) => f.t === 'MESSAGE_CREATE');
    expect(replayed.map((f) => (f.d as { id: string }).id)).toEqual(sent);
    expect(replayed.map((f) => f.s)).toEqual(sent.map((_, i) => lastSeq + 1 + i));
    expect(frames.every((f) => !f.binary)).toBe(true);
  });

  it('answers op 9 when more frames were missed than the ring holds', async () => {
    const { sessionId, lastSeq } = await identifyThenDrop();
    for (let i = 0; i < 60; i++) sim.sendMessage(channelId, { authorId, content: `overflow ${i}` });
    const { end } = await resume(sessionId, lastSeq);
    expect(end).toMatchObject({ op: GatewayOpcodes.InvalidSession, d: false });
  });
});
