// Rows as the API answers them.
import { allowedMoves } from './lifecycle.ts';
import type { IncidentView } from './schemas.ts';
import type { IncidentRow } from './store.ts';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function toIncidentView(row: IncidentRow, alerts: string[]): IncidentView {
  return {
    id: row.id,
    title: row.title,
    state: row.state,
    severity: row.severity,
    services: row.services,
    teams: row.teams,
    roles: row.roles,
    alerts,
    mergedInto: row.merged_into,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    startedAt: new Date(row.started_at).toISOString(),
    acknowledgedAt: iso(row.acknowledged_at),
    mitigatedAt: iso(row.mitigated_at),
    resolvedAt: iso(row.resolved_at),
    closedAt: iso(row.closed_at),
    nextUpdateAt: iso(row.next_update_at),
    allowedMoves: [...allowedMoves(row.state)],
  };
}
