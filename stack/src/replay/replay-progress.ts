import cliProgress from 'cli-progress';

/** A progress bar, or nothing. */
export interface ReplayProgress {
  start(total: number, label: string): void;
  update(value: number): void;
  stop(): void;
}

/** Reads shorter than this show no bar unless `--progress` forces it. */
export const PROGRESS_MIN_EVENTS = 1000;

export interface ProgressStreams {
  readonly stdout: { readonly isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { readonly isTTY?: boolean };
}

/**
 * Whether to draw a bar on stderr: `--progress`/`--no-progress` decide when given; otherwise only when
 * stderr is a terminal and stdout is not (redirected to a file or a pipe). When both are the same
 * terminal the printed events already show progress, and a bar would be drawn through them.
 */
export function progressWanted(forced: boolean | undefined, streams: ProgressStreams): boolean {
  if (forced !== undefined) return forced;
  return streams.stderr.isTTY === true && streams.stdout.isTTY !== true;
}

/** A cli-progress bar on stderr (never stdout: that is the data), or a no-op. */
export function createReplayProgress(
  enabled: boolean,
  streams: ProgressStreams,
  forced: boolean,
): ReplayProgress {
  if (!enabled) return { start() {}, update() {}, stop() {} };
  let bar: cliProgress.SingleBar | null = null;
  return {
    start(total, label) {
      if (!forced && total < PROGRESS_MIN_EVENTS) return;
      bar = new cliProgress.SingleBar(
        {
          stream: streams.stderr,
          format: `${label} [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted}`,
          hideCursor: true,
          // --progress into a file or pipe (CI logs): cli-progress then prints on a schedule.
          noTTYOutput: streams.stderr.isTTY !== true,
          notTTYSchedule: 1000,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(Math.max(total, 1), 0);
    },
    update(value) {
      bar?.update(value);
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}
