// Overrides and swaps: someone else on call for a while, made through the API (never in catalog
// files). Each is audited in its transaction. Who may: admins, members of the schedule's owning team,
// and the people an override or swap puts on call or takes off.
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../platform/audit/audit-log.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.ts';
import type { Catalog } from '../catalog/index.ts';
import { actsAsAdmin } from '../identity/index.ts';
import type { CatalogView } from './catalog-view.ts';
import { finalSchedule } from './engine/index.ts';
import { fullRef, type ScheduleView } from './read-spec.ts';
import type { OverrideView } from './schemas.ts';
import { asEngineOverride, deleteOverride, findOverride, insertOverride, overridesOf } from './store.ts';
import type { OncallDb } from './tables.ts';

export interface OverridesContext {
  db: OncallDb;
  view: CatalogView;
  catalog: Pick<Catalog, 'loadEntitiesByRef'>;
}

interface Span {
  from: string;
  until: string;
}

export async function scheduleOf(
  ctx: Pick<OverridesContext, 'view'>,
  namespace: string,
  name: string,
): Promise<ScheduleView> {
  const ref = `schedule:${namespace}/${name}`.toLowerCase();
  const schedule = (await ctx.view.current()).schedules.get(ref);
  if (!schedule) throw notFound(`no schedule ${ref} in the catalog`);
  return schedule;
}

export async function createOverride(
  ctx: OverridesContext,
  caller: Principal,
  schedule: ScheduleView,
  body: Span & { user: string },
): Promise<OverrideView> {
  const span = checkSpan(body);
  const user = await existingUser(ctx, body.user, 'body.user');
  assertMayOverride(caller, schedule, [user]);
  return ctx.db.transaction().execute(async (trx) => {
    const made = await insertOverride(trx, {
      schedule: schedule.ref,
      user,
      ...span,
      createdBy: caller.handle,
    });
    await audit(trx, caller, 'oncall-override.create', schedule.ref, null, made);
    return made;
  });
}

/**
 * `user` and `with` trade places from `from` to `until`: where the schedule has `user` on call, `with`
 * takes over, and where it has `with`, `user` does. Usually two overrides, all made in one transaction.
 */
export async function swapShifts(
  ctx: OverridesContext,
  caller: Principal,
  schedule: ScheduleView,
  body: Span & { user: string; with: string },
): Promise<OverrideView[]> {
  const span = checkSpan(body);
  const user = await existingUser(ctx, body.user, 'body.user');
  const other = await existingUser(ctx, body.with, 'body.with');
  if (user === other)
    throw invalid('a swap needs two people', [
      { field: 'body.with', message: `is ${other}, the same as body.user` },
    ]);
  assertMayOverride(caller, schedule, [user, other]);
  return ctx.db.transaction().execute(async (trx) => {
    const overrides = (await overridesOf(trx, schedule.ref, span)).map(asEngineOverride);
    const shifts = finalSchedule(schedule, overrides, span);
    const pieces = shifts.flatMap((shift) => {
      const taker = shift.user === user ? other : shift.user === other ? user : null;
      return taker ? [{ user: taker, from: shift.from, until: shift.until }] : [];
    });
    if (!pieces.some((piece) => piece.user === other)) {
      throw conflict(
        `${user} is not on call in ${schedule.ref} between ${span.from.toISOString()} and ${span.until.toISOString()}: there is no shift to swap`,
      );
    }
    const swap = randomUUID();
    const made: OverrideView[] = [];
    for (const piece of pieces) {
      made.push(
        await insertOverride(trx, { schedule: schedule.ref, ...piece, swap, createdBy: caller.handle }),
      );
    }
    await audit(trx, caller, 'oncall-swap.create', schedule.ref, null, {
      swap,
      user,
      with: other,
      overrides: made,
    });
    return made;
  });
}

/** Removes an override; one made by a swap takes the rest of the swap with it. */
export async function removeOverride(
  ctx: OverridesContext,
  caller: Principal,
  schedule: ScheduleView,
  id: string,
): Promise<OverrideView[]> {
  const found = await findOverride(ctx.db, schedule.ref, id);
  if (!found) throw notFound(`no override ${id} on ${schedule.ref}`);
  const all = found.swap
    ? (await overridesOf(ctx.db, schedule.ref)).filter((o) => o.swap === found.swap)
    : [found];
  assertMayOverride(
    caller,
    schedule,
    all.map((o) => o.user),
  );
  await ctx.db.transaction().execute(async (trx) => {
    for (const override of all) await deleteOverride(trx, override.id);
    await audit(trx, caller, 'oncall-override.delete', schedule.ref, { overrides: all }, null);
  });
  return all;
}

function checkSpan(body: Span): { from: Date; until: Date } {
  const from = new Date(body.from);
  const until = new Date(body.until);
  if (!(until > from)) {
    throw invalid('an override must end after it starts', [
      { field: 'body.until', message: `must be after body.from (${body.from})` },
    ]);
  }
  return { from, until };
}

async function existingUser(ctx: OverridesContext, text: string, field: string): Promise<string> {
  const ref = fullRef(text, 'user');
  if (!ref?.startsWith('user:'))
    throw invalid(`${field} must be a User ref`, [
      { field, message: `${JSON.stringify(text)} is not a User ref; write alice or user:default/alice` },
    ]);
  const [found] = await ctx.catalog.loadEntitiesByRef([ref]);
  if (!found)
    throw invalid(`${field} names ${ref}, who is not in the catalog`, [
      { field, message: `no User ${ref} in the catalog` },
    ]);
  return ref;
}

export function assertMayOverride(
  caller: Principal,
  schedule: ScheduleView,
  people: readonly string[],
): void {
  if (actsAsAdmin(caller)) return;
  const ownerTeam = schedule.owner?.startsWith('group:')
    ? schedule.owner.slice(schedule.owner.indexOf('/') + 1)
    : null;
  if (ownerTeam && caller.teams.map((t) => t.toLowerCase()).includes(ownerTeam)) return;
  if (people.some((p) => p === `user:default/${caller.handle.toLowerCase()}`)) return;
  throw forbidden(
    `only admins, members of ${schedule.owner ?? 'the schedule’s owner'} and the people it puts on call may change ${schedule.ref}'s overrides; ${caller.handle} is none of them`,
  );
}

function audit(
  trx: OncallDb,
  caller: Principal,
  action: string,
  schedule: string,
  before: object | null,
  after: object | null,
) {
  return recordAudit(trx, {
    actor: caller.handle,
    action,
    subjectType: 'schedule',
    subjectId: schedule,
    before,
    after,
  });
}
