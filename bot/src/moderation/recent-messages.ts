/** What a MESSAGE_DELETE needs to know about a message Discord no longer sends. */
export interface RecentMessage {
  id: string;
  authorId: string;
  authorUsername: string;
  content: string;
  attachmentCount: number;
}

/**
 * The last `perChannel` messages of each channel, kept as small plain records so a deletion can report
 * its author and content. It replaces discord.js's message cache (kept at 0): at thousands of messages a
 * second, cached `Message` objects live just long enough to be promoted to V8's old space, and the heap
 * then grows to several times the live data before a full collection (see docs/bench/bot.md).
 */
export class RecentMessages {
  private readonly channels = new Map<string, RecentMessage[]>();

  constructor(private readonly perChannel: number) {}

  add(channelId: string, message: RecentMessage): void {
    if (this.perChannel <= 0) return;
    let ring = this.channels.get(channelId);
    if (!ring) {
      ring = [];
      this.channels.set(channelId, ring);
    }
    if (ring.length >= this.perChannel) ring.shift();
    ring.push(message);
  }

  /** Removes and returns a message (a deleted message is not needed again). */
  take(channelId: string, messageId: string): RecentMessage | undefined {
    const ring = this.channels.get(channelId);
    if (!ring) return undefined;
    const i = ring.findIndex((m) => m.id === messageId);
    if (i < 0) return undefined;
    return ring.splice(i, 1)[0];
  }

  forgetChannel(channelId: string): void {
    this.channels.delete(channelId);
  }

  size(): number {
    let n = 0;
    for (const r of this.channels.values()) n += r.length;
    return n;
  }
}
