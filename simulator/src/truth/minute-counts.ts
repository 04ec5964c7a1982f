export const MINUTE_MS = 60_000;

/** key -> count: an array indexed by the key (small dense keys), or a Map (large sparse keys). */
type Slots = number[] | Map<number, number>;

/** channel id -> key -> count */
type ChannelCounts = Map<string, Slots>;

/**
 * Counts per (UTC minute, channel, numeric key): counting a key seen before allocates nothing (counts are small
 * integers in an array or a Map), and the current minute's map is remembered (traffic is mostly "now"). Keys
 * are user numbers (`IdIndex`), dense: an array per channel and minute; or (sub-key, user) pairs (`packKey`),
 * sparse: a Map.
 */
export class MinuteCounts {
  /** minute index (ms / 60 000) -> channel -> key -> count */
  readonly byMinute = new Map<number, ChannelCounts>();
  private lastMinute = Number.NaN;
  private lastChannels: ChannelCounts | undefined;

  constructor(private readonly dense: boolean) {}

  add(atMs: number, channelId: string, key: number): void {
    const minute = Math.floor(atMs / MINUTE_MS);
    let channels = this.lastChannels;
    if (minute !== this.lastMinute || channels === undefined) {
      channels = this.byMinute.get(minute);
      if (channels === undefined) {
        channels = new Map();
        this.byMinute.set(minute, channels);
      }
      this.lastMinute = minute;
      this.lastChannels = channels;
    }
    let slots = channels.get(channelId);
    if (slots === undefined) {
      slots = this.dense ? [] : new Map();
      channels.set(channelId, slots);
    }
    if (this.dense) {
      const counts = slots as number[];
      counts[key] = (counts[key] ?? 0) + 1;
    } else {
      const counts = slots as Map<number, number>;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }

  /** Every count as (minute index, channel, key, n): minutes and channels in insertion order. */
  *rows(): Generator<[minute: number, channelId: string, key: number, n: number]> {
    for (const [minute, channels] of this.byMinute) {
      for (const [channelId, slots] of channels) {
        // An array's `entries()` visits its holes too (as undefined): skip them.
        for (const [key, n] of slots.entries()) if (n !== undefined) yield [minute, channelId, key, n];
      }
    }
  }

  total(): number {
    let sum = 0;
    for (const row of this.rows()) sum += row[3];
    return sum;
  }
}

/** Ids numbered in order of first sight, so a count's key is one small integer. */
export class IdIndex {
  readonly ids: string[] = [];
  private readonly numbers = new Map<string, number>();

  of(id: string): number {
    let n = this.numbers.get(id);
    if (n === undefined) {
      n = this.ids.length;
      if (n >= USER_SPAN) throw new RangeError(`more than ${USER_SPAN} ids in one guild`);
      this.ids.push(id);
      this.numbers.set(id, n);
    }
    return n;
  }
}

/** Users per sub-key in a packed key: 2^26, so keys of the first 16 sub-keys stay small integers (no boxing). */
const USER_SPAN = 2 ** 26;

/** One number for (sub-key, user): exact for any sub-key (doubles hold 2^53). */
export const packKey = (sub: number, user: number): number => sub * USER_SPAN + user;
export const unpackKey = (key: number): [sub: number, user: number] => [
  Math.floor(key / USER_SPAN),
  key % USER_SPAN,
];
