// Test fixture: a job runner in its own OS process on a PostgreSQL database, for the tests that need
// separate processes. Usage: node runner-process.fixture.ts URL WORK_MS LEASE_MS. Prints "ready <id>"
// once claiming; stops gracefully when stdin closes or on SIGTERM.
import { openDatabase } from '../db/database.ts';
import { silentLogger } from '../logging.ts';
import { recordRunJob } from './record-run.fixture.ts';
import { JobRunner } from './runner.ts';

const [url, workMs = '0', leaseMs = '30000'] = process.argv.slice(2);
const database = await openDatabase({ url, poolSize: 4 });
const runner = new JobRunner({
  database,
  logger: silentLogger(),
  concurrency: 8,
  pollIntervalMs: 1000,
  leaseMs: Number(leaseMs),
});
runner.register(recordRunJob(database, () => runner.id, Number(workMs)));
await runner.start();
process.stdout.write(`ready ${runner.id}\n`);

let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await runner.stop();
  await database.close();
  process.exit(0);
}
process.on('SIGTERM', shutdown);
process.stdin.on('end', shutdown);
process.stdin.resume();
