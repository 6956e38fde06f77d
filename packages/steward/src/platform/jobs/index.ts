// Durable background jobs: typed definitions, a table-backed queue and runners that claim from it,
// for work that must survive restarts (escalation timers, SLA clocks, notification retries, ingests).
// Handlers must be idempotent: the contract is at the top of definition.ts.
export {
  type Backoff,
  defineJob,
  type JobContext,
  type JobDefinition,
  PermanentJobError,
} from './definition.ts';
export { definePeriodicJob, type PeriodicJob } from './periodic.ts';
export type { PruneOptions } from './prune-job.ts';
export { type EnqueueOptions, JobQueue } from './queue.ts';
export { jobRoutes, jobTopic, mayFollowJob, toJobView } from './routes.ts';
export { JobRunner, type JobRunnerOptions } from './runner.ts';
export {
  type JobView,
  jobSchema,
  jobStateSchema,
  jobUrl,
  type StartedJob,
  startedJobSchema,
} from './schemas.ts';
export type { JobRecord, JobState, JobTables } from './store.ts';
