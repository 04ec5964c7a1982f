import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * PGlite allows one process per data directory, but writes no usable lock (its postmaster.pid stays at
 * -42 after close), and two processes on one directory corrupt it. We keep our own: the owner's pid in
 * `guildscope-owner.pid`, removed on close; a pid that is no longer alive (a SIGKILLed server) is stale.
 */
const LOCK_FILE = 'guildscope-owner.pid';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid of the live process holding the PGlite data directory `dir`, or null. */
export function pgliteDataDirOwner(dir: string): number | null {
  let text: string;
  try {
    text = readFileSync(join(dir, LOCK_FILE), 'utf8').trim();
  } catch {
    return null;
  }
  const pid = Number(text);
  return Number.isSafeInteger(pid) && pid > 0 && alive(pid) ? pid : null;
}

/** A PGlite data directory is already open in another live process. */
export class ReadDbInUseError extends Error {
  override readonly name = 'ReadDbInUseError';
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded read database in ${dataDir} is in use by process ${pid}: PGlite allows one process per data directory (stop that process, or use a TimescaleDB server through DATABASE_URL)`,
    );
  }
}

/** Throws ReadDbInUseError when another live process holds `dir`. Call before opening PGlite on it. */
export function assertPgliteDataDirFree(dir: string): void {
  const owner = pgliteDataDirOwner(dir);
  if (owner !== null && owner !== process.pid) throw new ReadDbInUseError(dir, owner);
}

/**
 * Records this process as the owner of `dir`. Call once PGlite has opened it: initdb needs an empty
 * directory, so the file cannot be written before. Returns the release function.
 */
export function claimPgliteDataDir(dir: string): () => void {
  const file = join(dir, LOCK_FILE);
  writeFileSync(file, `${process.pid}\n`);
  return () => {
    if (pgliteDataDirOwner(dir) === process.pid) rmSync(file, { force: true });
  };
}
