// The data dir holds password hashes (pgdata), the admin token and password, and uploaded catalogs:
// it and everything in it belong to the server's user alone. A restrictive umask covers what Steward
// creates; this repairs what an older Steward or a looser umask left, and what PGlite creates with
// modes of its own (its first-start files are 0666 whatever the umask).
import { chmodSync, type Dirent, lstatSync, mkdirSync, readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';

const groupAndOther = 0o077;

/**
 * Creates the data dir (0700) if missing, then takes group and other bits off it and every dir and
 * file under it. Symbolic links are neither followed nor changed. Answers the paths it changed.
 */
export function makeDataDirPrivate(dataDir: string): string[] {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const changed: string[] = [];
  // The dir itself may be reached through a link (/var/lib/steward → /data/steward): mend its target.
  for (const path of everyPathUnder(realpathSync(dataDir))) {
    const stat = lstatSync(path, { throwIfNoEntry: false });
    if (!stat || stat.isSymbolicLink() || (stat.mode & groupAndOther) === 0) continue;
    chmodSync(path, stat.mode & 0o7700);
    changed.push(path);
  }
  return changed;
}

/**
 * The root and every path under it, parents before children, without following links. An explicit
 * stack, so a deep tree cannot overflow the call stack; a dir that vanishes meanwhile is skipped.
 */
export function* everyPathUnder(root: string): Generator<string> {
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop() as string;
    yield dir;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) stack.push(path);
      else yield path;
    }
  }
}
