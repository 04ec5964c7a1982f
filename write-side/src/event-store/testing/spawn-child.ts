import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** Absolute path of a helper script in this folder. */
export function childScript(name: string): string {
  return fileURLToPath(new URL(`./${name}`, import.meta.url));
}

/**
 * Runs a TypeScript helper in a real child process (`node --import tsx`), with a line reader on its
 * stdout. Jest's NODE_OPTIONS (vm modules) are not passed on.
 */
export function spawnTsChild(
  script: string,
  args: readonly string[],
): {
  child: ChildProcess;
  lines: AsyncIterable<string>;
  exit: Promise<{ code: number | null; signal: string | null }>;
} {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exit = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      if (code !== 0 && signal === null) process.stderr.write(`child ${script} failed:\n${stderr}\n`);
      resolve({ code, signal });
    }),
  );
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  return { child, lines, exit };
}
