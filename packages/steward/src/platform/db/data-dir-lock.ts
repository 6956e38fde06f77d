// PGlite's files may be opened by one process only: a lock file in the data dir says by whom.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { conflict } from '../errors.ts';

export function acquireDataDirLock(dataDir: string): () => Promise<void> {
  const path = join(dataDir, 'steward.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return async () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(path, 'utf8').trim());
      if (holder && isAlive(holder)) {
        throw conflict(
          `the data directory ${dataDir} is in use by another Steward (pid ${holder}). Stop it, or start this one with a different --data-dir.`,
        );
      }
      rmSync(path, { force: true }); // left behind by a process that died
    }
  }
  throw conflict(`could not lock the data directory ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
