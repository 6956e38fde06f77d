// Campaigns: a scorecard, a goal (a level, or rules to pass), a deadline and a message, perhaps for
// some teams only. Admins run any; members of the team owning a Scorecard run its campaigns.
// Progress is judged on read from the same results the scorecard shows.
import { randomUUID } from 'node:crypto';
import type { Principal } from '../../platform/auth/principal.ts';
import { conflict, type FieldProblem, forbidden, invalid, notFound } from '../../platform/errors.ts';
import type { Catalog } from '../catalog/index.ts';
import { actsAsAdmin } from '../identity/index.ts';
import { campaignProgress } from './engine/campaign-progress.ts';
import type { Scorecard } from './engine/model.ts';
import type { CampaignView, CreateCampaign, UpdateCampaign } from './schemas.ts';
import { type Judged, type ScorecardsService, teamRef } from './scorecards-service.ts';
import {
  type CampaignFields,
  type CampaignRow,
  closeCampaign,
  fieldsOf,
  findCampaigns,
  getCampaignRow,
  insertCampaign,
  updateCampaign,
} from './store.ts';
import type { ScorecardDb } from './tables.ts';

export interface CampaignContext {
  db: ScorecardDb;
  scorecards: ScorecardsService;
  catalog: Pick<Catalog, 'loadEntitiesByRef'>;
  now?: () => Date;
}

export async function listCampaigns(
  ctx: CampaignContext,
  filter: { scorecard?: string | undefined; state?: 'open' | 'closed' | undefined },
): Promise<CampaignView[]> {
  const rows = await findCampaigns(ctx.db, filter);
  const judged = new Map<string, Promise<Judged | null>>();
  const judge = (name: string) => {
    if (!judged.has(name))
      judged.set(
        name,
        ctx.scorecards.judge(name).catch(() => null),
      );
    return judged.get(name) as Promise<Judged | null>;
  };
  return Promise.all(rows.map(async (row) => toView(ctx, row, await judge(row.scorecard))));
}

export async function getCampaign(ctx: CampaignContext, id: string): Promise<CampaignView> {
  const row = await getCampaignRow(ctx.db, id);
  if (!row) throw notFound(`no campaign ${id}: GET /api/v1/campaigns lists them`);
  return toView(ctx, row, await ctx.scorecards.judge(row.scorecard).catch(() => null));
}

export async function createCampaign(ctx: CampaignContext, caller: Principal, input: CreateCampaign) {
  const card = await scorecardNamed(ctx, input.scorecard);
  assertMayRunCampaigns(caller, card);
  const fields = await checkedFields(ctx, card, {
    name: input.name,
    scorecard: card.name,
    level: input.level ?? null,
    rules: input.rules ?? [],
    teams: input.teams ?? [],
    deadline: input.deadline,
    message: input.message,
  });
  const id = randomUUID();
  await insertCampaign(ctx.db, id, fields, caller.handle);
  return getCampaign(ctx, id);
}

export async function editCampaign(
  ctx: CampaignContext,
  caller: Principal,
  id: string,
  change: UpdateCampaign,
) {
  const row = await openCampaign(ctx, id);
  const card = await ctx.scorecards.scorecard(row.scorecard);
  assertMayRunCampaigns(caller, card);
  const before = fieldsOf(row);
  const fields = await checkedFields(ctx, card, {
    ...before,
    ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)),
  } as CampaignFields);
  await updateCampaign(ctx.db, row, fields, caller.handle);
  return getCampaign(ctx, id);
}

export async function endCampaign(ctx: CampaignContext, caller: Principal, id: string) {
  const row = await openCampaign(ctx, id);
  assertMayRunCampaigns(caller, await ctx.scorecards.scorecard(row.scorecard).catch(() => null));
  await closeCampaign(ctx.db, id, caller.handle);
  return getCampaign(ctx, id);
}

async function openCampaign(ctx: CampaignContext, id: string): Promise<CampaignRow> {
  const row = await getCampaignRow(ctx.db, id);
  if (!row) throw notFound(`no campaign ${id}: GET /api/v1/campaigns lists them`);
  if (row.closed_at) throw conflict(`campaign ${id} (${row.name}) is closed; start a new one instead`);
  return row;
}

/** Admins, and members of the team that owns the Scorecard entity. */
function assertMayRunCampaigns(caller: Principal, card: Scorecard | null): void {
  if (actsAsAdmin(caller)) return;
  const owner = card?.owner ?? null;
  const team = owner?.startsWith('group:default/') ? owner.slice('group:default/'.length) : null;
  if (team && caller.teams.includes(team)) return;
  throw forbidden(
    team
      ? `only members of team ${team}, which owns scorecard ${card?.name}, and admins may run its campaigns; ${caller.handle} is not a member`
      : `only admins may run campaigns of scorecard ${card?.name ?? '(gone)'}: it names no owning team (spec.owner)`,
  );
}

async function scorecardNamed(ctx: CampaignContext, name: string): Promise<Scorecard> {
  try {
    return await ctx.scorecards.scorecard(name);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw invalid(`body.scorecard: ${message}`, [{ field: 'body.scorecard', message }]);
  }
}

/** The goal names the scorecard's levels and rules, and the teams are Groups of the catalog. */
async function checkedFields(
  ctx: CampaignContext,
  card: Scorecard,
  fields: CampaignFields,
): Promise<CampaignFields> {
  const problems: FieldProblem[] = [];
  if (fields.level !== null && !card.levels.includes(fields.level))
    problems.push({
      field: 'body.level',
      message: `${fields.level} is not a level of ${card.name}: one of ${card.levels.join(', ')}`,
    });
  const ruleIds = card.rules.map((r) => r.id);
  for (const [i, rule] of fields.rules.entries())
    if (!ruleIds.includes(rule))
      problems.push({
        field: `body.rules.${i}`,
        message: `${rule} is not a rule of ${card.name}: one of ${ruleIds.join(', ')}`,
      });
  if (fields.level === null && fields.rules.length === 0)
    problems.push({ field: 'body', message: 'give the goal: a level to reach, rules to pass, or both' });
  const given = fields.teams.map(teamRef);
  const known = new Set((await ctx.catalog.loadEntitiesByRef(given)).map((e) => e.ref));
  for (const [i, team] of given.entries())
    if (!known.has(team) || !team.startsWith('group:'))
      problems.push({ field: `body.teams.${i}`, message: `${team} is not a Group in the catalog` });
  const teams = [...new Set(given)];
  if (problems.length > 0)
    throw invalid(problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
  return { ...fields, teams };
}

function toView(ctx: CampaignContext, row: CampaignRow, judged: Judged | null): CampaignView {
  const open = row.closed_at === null;
  const now = (ctx.now ?? (() => new Date()))();
  const progress = campaignProgress(
    judged?.scorecard.levels ?? [],
    { level: row.level, rules: row.rules },
    judged?.results ?? [],
    { teams: row.teams, deadline: row.deadline, open, now },
  );
  return {
    id: row.id,
    name: row.name,
    scorecard: row.scorecard,
    level: row.level,
    rules: row.rules,
    teams: row.teams,
    deadline: row.deadline,
    message: row.message,
    state: open ? 'open' : 'closed',
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    closedAt: row.closed_at ? new Date(row.closed_at).toISOString() : null,
    progress,
  };
}
