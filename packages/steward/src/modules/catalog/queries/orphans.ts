// The orphans report: entities without a valid owner (none, or one the catalog does not know), teams
// with neither members nor sub-teams, and services (Steward Services, and Components of type service)
// without a runbook (spec.runbook, a link of type runbook, or the steward.dev/runbook annotation).

import type { Orphans } from '../schemas.ts';
import { memberlessGroupRows, servicesWithoutRunbookRows, unownedRows } from '../store/orphan-store.ts';
import { ownedKinds } from '../store/relation-types.ts';
import type { CatalogDb } from '../store/tables.ts';

export async function orphansReport(db: CatalogDb, limit = 1000): Promise<Orphans> {
  const [unowned, memberless, noRunbook] = await Promise.all([
    unownedRows(db, ownedKinds, limit),
    memberlessGroupRows(db, limit),
    servicesWithoutRunbookRows(db, limit),
  ]);
  const total = (rows: { total: string | number }[]) => Number(rows[0]?.total ?? 0);
  return {
    unowned: { total: total(unowned), items: unowned.map((r) => ({ ref: r.ref, owner: r.owner })) },
    teamsWithoutMembers: {
      total: total(memberless),
      items: memberless.map((r) => ({ ref: r.ref, title: r.title })),
    },
    servicesWithoutRunbook: {
      total: total(noRunbook),
      items: noRunbook.map((r) => ({ ref: r.ref, owner: r.owner })),
    },
  };
}
