// PGlite's files may be opened by one process only. The lock is an advisory lock on `steward.lock`,
// held by an open file for as long as the database is open: the operating system releases it when
// the process dies, however it dies. The pid in the file only names the holder in the message: in a
// container a restarted server is pid 1 again, so a pid's liveness proves nothing.
import {
  closeSync,
  constants,
  ftruncateSync,
  openSync,
  readFileSync,
  realpathSync,
  writeSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { conflict, unavailable } from '../errors.ts';

/**
 * Takes an advisory lock on an open file without waiting: true when taken, false when another holder
 * has it. On Linux an open-file-description lock (F_OFD_SETLK), flock on macOS, LockFileEx on Windows:
 * held by this open file, released when it is closed or its process dies. The package has no types.
 */
const { tryLock } = createRequire(import.meta.url)('fs-native-extensions') as {
  tryLock(fd: number): boolean;
};

/**
 * Lock files this process holds. On Linux the lock is per open file, so a second open in this process
 * is refused by the kernel too; this says so plainly, and holds where locks are per process.
 */
const heldHere = new Set<string>();

export function acquireDataDirLock(dataDir: string): () => Promise<void> {
  const path = join(realpathSync(dataDir), 'steward.lock');
  if (heldHere.has(path)) {
    throw conflict(
      `the data directory ${dataDir} is already open in this process; close that database before opening it again`,
    );
  }
  const fd = openSync(path, constants.O_RDWR | constants.O_CREAT, 0o600);
  let locked: boolean;
  try {
    locked = tryLock(fd);
  } catch (error) {
    closeSync(fd);
    throw unavailable(`could not lock ${path}: ${(error as Error).message}`);
  }
  if (!locked) {
    closeSync(fd);
    throw conflict(
      `the data directory ${dataDir} is in use by another Steward (pid ${holderOf(path)}). Stop it, or start this one with a different --data-dir.`,
    );
  }
  heldHere.add(path);
  ftruncateSync(fd, 0);
  writeSync(fd, `${process.pid}\n`, 0);
  // The file stays: removing it would let a process that opened it just before lock a file nobody
  // else can find, while a third creates a new one.
  return async () => {
    if (!heldHere.delete(path)) return;
    ftruncateSync(fd, 0);
    closeSync(fd);
  };
}

function holderOf(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim() || 'unknown';
  } catch {
    return 'unknown';
  }
}
