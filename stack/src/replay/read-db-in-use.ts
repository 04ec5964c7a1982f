import { readdir, readFile, readlink } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';

export interface ProcessUsingDir {
  readonly pid: number;
  readonly command: string;
}

/**
 * Other processes holding files open inside `dir`, found through /proc (Linux). PGlite writes no lock
 * (its postmaster.pid says -42 and stays after close), but a running PGlite keeps its relation files
 * open, which /proc shows. Returns [] where /proc does not exist (macOS): the check is then skipped, as
 * documented. Processes of other users cannot be inspected and are not reported.
 */
export async function processesUsingDir(dir: string, procRoot = '/proc'): Promise<ProcessUsingDir[]> {
  const prefix = resolve(dir) + sep;
  let pids: string[];
  try {
    pids = (await readdir(procRoot)).filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid);
  } catch {
    return [];
  }
  const found: ProcessUsingDir[] = [];
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = await readdir(join(procRoot, pid, 'fd'));
    } catch {
      continue; // gone, or another user's process
    }
    for (const fd of fds) {
      const target = await readlink(join(procRoot, pid, 'fd', fd)).catch(() => '');
      if (!target.startsWith(prefix)) continue;
      const command = await readFile(join(procRoot, pid, 'cmdline'), 'utf8')
        .then((c) => c.replaceAll('\u0000', ' ').trim())
        .catch(() => '?');
      found.push({ pid: Number(pid), command });
      break;
    }
  }
  return found;
}
