import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';

// If the orchestrator itself dies (an uncaught error, SIGTERM from a supervisor), take the children with it.
const orphanGuard = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of orphanGuard) child.kill('SIGKILL');
});

export interface ManagedChild {
  readonly name: string;
  readonly process: ChildProcess;
  /** The first JSON line with `ready: true` the child printed on stdout. */
  readonly ready: Promise<Record<string, unknown>>;
  /** Resolves with the exit code when the child ends. */
  readonly exited: Promise<number | null>;
  /** SIGINT, then SIGKILL after `graceMs` if it has not exited. */
  stop(graceMs?: number): Promise<number | null>;
}

/**
 * Spawns a Node process whose stdout and stderr go to `logFile`, and whose readiness is one JSON line
 * `{"ready":true,...}` on stdout. A child that exits before being ready rejects `ready` with the end of
 * its log, so `npm start` fails loudly instead of printing a fake success.
 */
export function spawnNode(
  name: string,
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  logFile: string,
  nodeOptions: readonly string[] = [],
): ManagedChild {
  const log = createWriteStream(logFile, { flags: 'a' });
  // Own process group: a terminal Ctrl-C reaches only the orchestrator, which stops the children in
  // order (bot first, so its last metrics reach the gateway while the server still runs).
  const child = spawn(process.execPath, [...nodeOptions, script, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  orphanGuard.add(child);
  child.on('exit', () => orphanGuard.delete(child));
  child.stderr?.pipe(log, { end: false });
  let tail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<Record<string, unknown>>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      log.write(`${line}\n`);
      if (!line.startsWith('{')) return;
      try {
        const parsed = JSON.parse(line) as Record<string, unknown>;
        if (parsed.ready === true) resolve(parsed);
      } catch {
        // a log line, not the readiness line
      }
    });
    void exited.then((code) =>
      reject(new Error(`${name} exited with code ${code} before it was ready; its log ends with:\n${tail}`)),
    );
  });
  ready.catch(() => undefined);
  return {
    name,
    process: child,
    ready,
    exited,
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
