// What the escalation job is given and carries: its payload (why it runs, the position it expects) and
// the faces a decision needs. Apart from the job and its steps so that neither imports the other.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { JobDefinition, JobQueue } from '../../platform/jobs/index.ts';
import type { NotificationsService } from '../notifications/index.ts';
import type { OncallService } from '../oncall/index.ts';
import type { LinkAction } from './action-links.ts';
import { storedPositionSchema } from './escalation/index.ts';
import type { SuppressionService } from './suppression/index.ts';
import type { AlertTables } from './tables.ts';

const reasons = ['open', 'next', 'acknowledged', 'resolved', 'resume'] as const;
export const escalatePayload = z.object({
  alertId: z.string(),
  reason: z.enum(reasons).optional().describe('default open'),
  expected: storedPositionSchema.optional().describe('next: the position this job was planned for'),
});
export type EscalatePayload = z.infer<typeof escalatePayload>;
export type EscalateJob = JobDefinition<EscalatePayload>;

export interface EscalateDeps {
  db: Kysely<AlertTables>;
  jobs: JobQueue;
  /** The job itself, for the next decision. */
  job(): EscalateJob;
  oncall: Pick<OncallService, 'policyFor' | 'policiesFor' | 'policy' | 'reach'>;
  notifications: Pick<NotificationsService, 'notify' | 'cancel'>;
  suppression: Pick<SuppressionService, 'suppressionFor' | 'suppressionsFor'>;
  actionLinks(alertId: string, options: { person: string }): Promise<Record<LinkAction, string>>;
  publish(topic: string, type: string, data: unknown): Promise<number>;
  now?: () => Date;
}
