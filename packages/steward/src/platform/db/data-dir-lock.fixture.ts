// Test fixture: takes the data-dir lock in its own OS process and holds it until killed.
// Usage: node data-dir-lock.fixture.ts DATA_DIR. Prints "locked" once it holds the lock.
import { acquireDataDirLock } from './data-dir-lock.ts';

const [dataDir] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: data-dir-lock.fixture.ts DATA_DIR');
acquireDataDirLock(dataDir);
process.stdout.write('locked\n');
setInterval(() => {}, 60_000);
