// A silence or window that ends at a set time says so at that time: a job, enqueued with it and run at
// its endsAt, emits `alerts.suppression-ended` unless it ended earlier (which emitted then). Emitting
// twice does no harm: followers read the current state.
import { sql } from 'kysely';
import { z } from 'zod';
import type { AnyKysely } from '../../../platform/audit/audit-log.ts';
import { emit } from '../../../platform/events/index.ts';
import { defineJob, type JobDefinition, type JobQueue } from '../../../platform/jobs/index.ts';
import { suppressionEnded } from './events.ts';
import type { SuppressionDb } from './tables.ts';

const payload = z.object({ kind: z.enum(['silence', 'maintenance']), id: z.string(), endsAt: z.string() });
export type EndPayload = z.infer<typeof payload>;

export function suppressionEndJob(db: SuppressionDb): JobDefinition<EndPayload> {
  return defineJob({
    name: 'alerts.suppression-end',
    payload,
    async handler({ kind, id, endsAt }) {
      const table = kind === 'silence' ? 'alert_silences' : 'maintenance_windows';
      return db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ ends_at: Date | null }>`
          select ends_at from ${sql.table(table)} where id = ${id}`.execute(trx);
        const endedAt = rows[0]?.ends_at ?? null;
        // Ended earlier (expired, resolved, ended by hand): that change emitted the event already.
        if (endedAt === null || endedAt.getTime() !== Date.parse(endsAt)) return { emitted: false };
        await emit(trx, suppressionEnded, { kind, id, at: endsAt });
        return { emitted: true };
      });
    },
  });
}

/** In the creating transaction: the end job, when there is a queue and a set end. */
export async function scheduleEnd(
  jobs: JobQueue | undefined,
  job: JobDefinition<EndPayload>,
  trx: AnyKysely,
  end: EndPayload,
): Promise<void> {
  if (!jobs) return;
  await jobs.enqueue(job, end, {
    runAt: new Date(end.endsAt),
    key: `${end.kind}:${end.id}`,
    trx: trx as never,
  });
}

/** In the ending transaction: tells followers now. */
export function emitEnded(trx: AnyKysely, kind: EndPayload['kind'], id: string, at: Date): Promise<void> {
  return emit(trx, suppressionEnded, { kind, id, at: at.toISOString() });
}
