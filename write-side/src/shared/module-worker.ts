import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread running the TypeScript module `sibling` next to `from` (an `import.meta.url`).
 * Built code runs the compiled `.js` file. Code run from source (the test runner, `node --import tsx`)
 * has no `.js` beside it, so the thread registers tsx first and imports the `.ts` file: threads get the
 * code under test, never a stale build.
 */
export function startModuleWorker(from: string, sibling: string, options: WorkerOptions = {}): Worker {
  const compiled = new URL(`./${sibling}.js`, from);
  if (existsSync(fileURLToPath(compiled))) return new Worker(compiled, options);
  const source = new URL(`./${sibling}.ts`, from);
  const tsx = tsxEsmApi(from);
  const bootstrap = `import(${JSON.stringify(tsx)})
    .then(({ register }) => { register(); return import(${JSON.stringify(source.href)}); })
    .catch((error) => { process.nextTick(() => { throw error; }); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/** tsx's ESM register API, by its package's exports map (require.resolve would give the CommonJS one). */
function tsxEsmApi(from: string): string {
  const manifest = createRequire(from).resolve('tsx/package.json');
  const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as {
    exports: Record<string, { import: { default: string } }>;
  };
  const entry = exports['./esm/api']?.import.default;
  if (!entry) throw new Error(`tsx at ${manifest} has no ./esm/api export`);
  return new URL(entry, pathToFileURL(manifest)).href;
}
