// For tests that create identity alone: the real catalog on the same database (its Groups and Users
// are what identity projects), with a job runner that is never started.
import type { Database } from '../../platform/db/database.ts';
import { JobRunner } from '../../platform/jobs/index.ts';
import { silentLogger } from '../../platform/logging.ts';
import { createMetrics } from '../../platform/metrics.ts';
import { createCatalog } from '../catalog/index.ts';

export function catalogOn(database: Database) {
  const logger = silentLogger();
  const jobs = new JobRunner({ database, logger, metrics: createMetrics(), publish: async () => undefined });
  return createCatalog({ database, logger, dataDir: '/nonexistent', jobs });
}
