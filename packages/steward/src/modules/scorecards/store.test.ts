// Campaigns as stored, on both engines: fields kept as given (lists as lists), edits and closing
// audited in their transaction, a campaign closed once when two close it at the same time.
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import {
  closeCampaign,
  fieldsOf,
  findCampaigns,
  getCampaignRow,
  insertCampaign,
  updateCampaign,
} from './store.ts';
import type { ScorecardTables } from './tables.ts';

const fields = {
  name: 'Runbooks for all',
  scorecard: 'production-readiness',
  level: null,
  rules: ['has-runbook', 'has-dashboard'],
  teams: ['group:default/payments'],
  deadline: '2027-03-31',
  message: 'Link a runbook from every service.',
};

describeEachEngine('scorecard campaigns as stored', ({ db }) => {
  const kysely = () => db().kysely<ScorecardTables>();
  const audit = async (id: string) =>
    (
      await sql<{
        action: string;
        actor: string;
      }>`select action, actor from audit_log where subject_id = ${id} order by id`.execute(kysely())
    ).rows.map((r) => `${r.actor} ${r.action}`);

  it('keeps what was given, edits it, and closes it once', async () => {
    await insertCampaign(kysely(), 'c1', fields, 'mia');
    const row = await getCampaignRow(kysely(), 'c1');
    expect(row && fieldsOf(row)).toEqual(fields);
    expect(row?.closed_at).toBeNull();

    await updateCampaign(
      kysely(),
      row as NonNullable<typeof row>,
      { ...fields, level: 'Silver', teams: [] },
      'admin',
    );
    const edited = await getCampaignRow(kysely(), 'c1');
    expect([edited?.level, edited?.teams, edited?.rules]).toEqual([
      'Silver',
      [],
      ['has-runbook', 'has-dashboard'],
    ]);

    const closes = await Promise.all([
      closeCampaign(kysely(), 'c1', 'mia'),
      closeCampaign(kysely(), 'c1', 'noah'),
    ]);
    expect(closes.filter(Boolean)).toHaveLength(1);
    expect((await getCampaignRow(kysely(), 'c1'))?.closed_at).toBeInstanceOf(Date);
    const closer = (await getCampaignRow(kysely(), 'c1'))?.closed_by as string;
    expect(await audit('c1')).toEqual([
      'mia campaign.create',
      'admin campaign.update',
      `${closer} campaign.close`,
    ]);
  });

  it('lists by scorecard and state, soonest deadline first', async () => {
    await insertCampaign(kysely(), 'c2', { ...fields, name: 'Later', deadline: '2028-01-01' }, 'mia');
    await insertCampaign(kysely(), 'c3', { ...fields, name: 'Sooner', deadline: '2026-01-01' }, 'mia');
    await insertCampaign(kysely(), 'c4', { ...fields, scorecard: 'other', deadline: '2025-01-01' }, 'mia');
    const names = (rows: { name: string }[]) => rows.map((r) => r.name);
    expect(
      names(await findCampaigns(kysely(), { scorecard: 'production-readiness', state: 'open' })),
    ).toEqual(['Sooner', 'Later']);
    expect(names(await findCampaigns(kysely(), { state: 'closed' }))).toEqual(['Runbooks for all']);
    expect(await findCampaigns(kysely(), {})).toHaveLength(4);
  });
});
