import { type Clock, ManualClock } from '../core/clock.js';
import type { Simulator } from '../simulator.js';

export interface ScenarioOptions {
  /** Same seed, same world and same sequence of actions. */
  seed: number;
  /** Simulated time runs this many times faster than real time in `start()` (tests use ~20). Default 1. */
  speed?: number;
  /** Real-time step period (ms). Default 250. */
  tickMs?: number;
}

/** A scenario's world, built on a simulator, with a timeline that can run in real time or as fast as possible. */
export interface RunningScenario {
  readonly name: string;
  readonly guildIds: string[];
  /** What the timeline did so far, by kind (ground truth for tests and the control API). */
  readonly counts: Readonly<Record<string, number>>;
  /** Simulated time elapsed on the timeline (ms). */
  readonly elapsedMs: number;
  /** Runs `ms` of simulated time at once (a ManualClock is advanced along). */
  runFor(ms: number): void;
  /** Real time: one step every `tickMs`, until `stop()`. */
  start(): void;
  stop(): void;
}

export interface Scenario {
  name: string;
  description: string;
  /** Builds the world (silently: no events unless a client is already connected) and returns its timeline. */
  setup(sim: Simulator, options: ScenarioOptions): RunningScenario;
}

/**
 * A clock frozen at `setupAt` until `release()`, then the wrapped clock. The standalone simulator builds a
 * scenario's world while frozen so every guild, channel, role, member and setup invite gets the same snowflake on
 * each start with the same seed (the bot and the stack's stored data keep matching across restarts); everything
 * the timeline creates afterwards is stamped with the real time, hence later than anything a previous run made and
 * never equal to it.
 */
export class SetupClock implements Clock {
  private frozen = true;

  constructor(
    private readonly inner: Clock,
    private readonly setupAt: number,
  ) {}

  now(): number {
    return this.frozen ? this.setupAt : this.inner.now();
  }

  release(): void {
    this.frozen = false;
  }
}

/** The frozen setup time for a seed: fixed, in the past, different per seed. */
export const setupTimeForSeed = (seed: number): number => Date.UTC(2025, 5, 1) + (seed % 86_400) * 1000;

/**
 * Drives a step function on simulated time: `runFor` as fast as possible (advancing a ManualClock), `start` on a
 * real-time interval where each tick covers `tickMs * speed` simulated ms.
 */
export class Timeline {
  elapsedMs = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly step: (dtMs: number, atMs: number) => void,
    private readonly tickMs: number,
    private readonly speed: number,
  ) {
    if (!(tickMs > 0)) throw new RangeError(`tickMs must be > 0 (got ${tickMs})`);
    if (!(speed > 0)) throw new RangeError(`speed must be > 0 (got ${speed})`);
  }

  runFor(ms: number): void {
    const dt = this.tickMs * this.speed;
    for (let done = 0; done < ms; done += dt) {
      if (this.clock instanceof ManualClock) this.clock.advance(Math.min(dt, ms - done));
      this.advance(Math.min(dt, ms - done));
    }
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.advance(this.tickMs * this.speed), this.tickMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private advance(dt: number): void {
    this.elapsedMs += dt;
    this.step(dt, this.elapsedMs);
  }
}

/** A scenario run whose {@link Timeline} calls `step`: subclasses build the world and say what a step does. */
export abstract class TimelineScenario implements RunningScenario {
  abstract readonly name: string;
  abstract readonly guildIds: string[];
  readonly counts: Record<string, number> = {};
  private readonly timeline: Timeline;

  constructor(clock: Clock, options: ScenarioOptions) {
    this.timeline = new Timeline(
      clock,
      (dt, at) => this.step(dt, at),
      options.tickMs ?? 250,
      options.speed ?? 1,
    );
  }

  /** One step of the timeline: `dtMs` of simulated time that ends `atMs` after the start. */
  protected abstract step(dtMs: number, atMs: number): void;

  get elapsedMs(): number {
    return this.timeline.elapsedMs;
  }

  runFor(ms: number): void {
    this.timeline.runFor(ms);
  }

  start(): void {
    this.timeline.start();
  }

  stop(): void {
    this.timeline.stop();
  }
}
