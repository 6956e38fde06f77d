// Campaigns as stored: created, edited and closed here, each change with its audit entry in the
// same transaction.
import { type Selectable, sql } from 'kysely';
import { recordAudit } from '../../platform/audit/audit-log.ts';
import type { CampaignsTable, ScorecardDb } from './tables.ts';

export type CampaignRow = Selectable<CampaignsTable>;

export interface CampaignFields {
  name: string;
  scorecard: string;
  level: string | null;
  rules: string[];
  teams: string[];
  deadline: string;
  message: string;
}

const jsonb = (value: unknown) => sql`${JSON.stringify(value)}::jsonb` as never;

export async function insertCampaign(db: ScorecardDb, id: string, fields: CampaignFields, by: string) {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('scorecard_campaigns')
      .values({ id, ...fields, rules: jsonb(fields.rules), teams: jsonb(fields.teams), created_by: by })
      .execute();
    await recordAudit(trx, {
      actor: by,
      action: 'campaign.create',
      subjectType: 'campaign',
      subjectId: id,
      after: fields,
    });
  });
}

export async function updateCampaign(
  db: ScorecardDb,
  before: CampaignRow,
  fields: CampaignFields,
  by: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('scorecard_campaigns')
      .set({
        ...fields,
        rules: jsonb(fields.rules),
        teams: jsonb(fields.teams),
        updated_at: sql`now()` as never,
      })
      .where('id', '=', before.id)
      .execute();
    await recordAudit(trx, {
      actor: by,
      action: 'campaign.update',
      subjectType: 'campaign',
      subjectId: before.id,
      before: fieldsOf(before),
      after: fields,
    });
  });
}

/** Closes an open campaign; false when it was closed already (by someone else, perhaps). */
export async function closeCampaign(db: ScorecardDb, id: string, by: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const closed = await trx
      .updateTable('scorecard_campaigns')
      .set({ closed_at: sql`now()` as never, closed_by: by, updated_at: sql`now()` as never })
      .where('id', '=', id)
      .where('closed_at', 'is', null)
      .executeTakeFirst();
    if (Number(closed.numUpdatedRows) === 0) return false;
    await recordAudit(trx, { actor: by, action: 'campaign.close', subjectType: 'campaign', subjectId: id });
    return true;
  });
}

export function getCampaignRow(db: ScorecardDb, id: string): Promise<CampaignRow | undefined> {
  return db.selectFrom('scorecard_campaigns').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findCampaigns(
  db: ScorecardDb,
  filter: { scorecard?: string | undefined; state?: 'open' | 'closed' | undefined },
): Promise<CampaignRow[]> {
  let query = db.selectFrom('scorecard_campaigns').selectAll().orderBy('deadline').orderBy('name');
  if (filter.scorecard !== undefined) query = query.where('scorecard', '=', filter.scorecard);
  if (filter.state === 'open') query = query.where('closed_at', 'is', null);
  if (filter.state === 'closed') query = query.where('closed_at', 'is not', null);
  return query.execute();
}

export function fieldsOf(row: CampaignRow): CampaignFields {
  const { name, scorecard, level, rules, teams, deadline, message } = row;
  return { name, scorecard, level, rules, teams, deadline, message };
}
