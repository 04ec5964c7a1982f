import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));
const SHARDED = fileURLToPath(new URL('../sharded.ts', import.meta.url));

/** The `{"ready":true,...}` line `main.ts` prints on stdout. */
export interface ReadyLine {
  ready: true;
  guilds: number;
  shards: number[];
}

/** A bot process run as the production entrypoint (`node --import tsx bot/src/main.ts`), for tests. */
export interface BotProcess {
  child: ChildProcess;
  /** Every stdout line (main.ts prints only the ready line there). */
  stdout: string[];
  /** Logs (pino writes to stderr). */
  stderr: () => string;
  /** The first ready line (one per shard process: see `stdout` for the others). */
  ready: Promise<ReadyLine>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `main.ts` (or `sharded.ts`) in a child Node process with `env` added to the parent's. */
export function spawnBot(
  env: Record<string, string>,
  entry: 'main' | 'sharded' = 'main',
  cwd?: string,
): BotProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', entry === 'main' ? MAIN : SHARDED], {
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(cwd ? { cwd } : {}),
    // Not jest's --experimental-vm-modules: the child is a plain Node process.
    env: { ...process.env, NODE_OPTIONS: '', LOG_LEVEL: process.env.BOT_LOG_LEVEL ?? 'info', ...env },
  });
  let err = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
    if (err.length > 2_000_000) err = err.slice(-1_000_000);
  });
  const stdout: string[] = [];
  let partial = '';
  let onLine: ((line: string) => void) | null = null;
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    for (const l of parts.filter(Boolean)) {
      stdout.push(l);
      onLine?.(l);
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const ready = new Promise<ReadyLine>((resolve, reject) => {
    onLine = (l) => {
      try {
        const parsed = JSON.parse(l) as ReadyLine;
        if (parsed.ready === true) resolve(parsed);
      } catch {
        // not JSON: main.ts prints nothing else, but a sharding manager's children may
      }
    };
    void exited.then(({ code, signal }) =>
      reject(new Error(`bot exited (${code ?? signal}) before ready; log tail:\n${err.slice(-3000)}`)),
    );
  });
  ready.catch(() => undefined);
  return { child, stdout, stderr: () => err, ready, exited };
}
