// Test fixture: a server-like process that reads one catalog directory as a job on a PostgreSQL
// database, to be killed with SIGKILL mid-ingest. Usage: node ingest-process.fixture.ts URL DIR.
// Prints "ready <runner id>" once its job runner claims, and "done" once the ingest has finished.
import { openDatabase } from '../../platform/db/database.ts';
import { JobRunner } from '../../platform/jobs/index.ts';
import { silentLogger } from '../../platform/logging.ts';
import { createCatalog } from './catalog-service.ts';

const [url, dir] = process.argv.slice(2);
const database = await openDatabase({ url, poolSize: 4 });
const jobs = new JobRunner({ database, logger: silentLogger(), leaseMs: 1000, pollIntervalMs: 200 });
const catalog = createCatalog({
  database,
  logger: silentLogger(),
  dataDir: `${dir}.data`,
  jobs,
  batchSize: 200,
});
jobs.register(...catalog.jobs);
await jobs.start();
process.stdout.write(`ready ${jobs.id}\n`);
await catalog.ingestPath(dir as string);
process.stdout.write('done\n');
await jobs.stop();
await database.close();
