// Rows as the API shows them (schemas.ts).
import type { AlertRow } from './alert-store.ts';
import type { AlertDetail, AlertView, EscalationView } from './schemas.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function toAlertView(row: AlertRow): AlertView {
  return {
    id: row.id,
    status: row.status,
    service: row.service,
    team: row.team,
    summary: row.summary,
    labels: row.labels,
    assignee: row.assignee,
    createdAt: iso(row.created_at) as string,
    urgency: row.urgency,
    unowned: row.unowned,
    source: row.source,
    integration: row.integration_name,
    groupKey: row.group_key === '' ? null : row.group_key,
    acknowledgedAt: iso(row.acknowledged_at),
    resolvedAt: iso(row.resolved_at),
  };
}

export function toAlertDetail(row: AlertRow): AlertDetail {
  return {
    ...toAlertView(row),
    dedupKey: row.dedup_key,
    groupLabels: row.group_labels,
    annotations: row.annotations,
    generatorUrl: row.generator_url,
    acknowledgedBy: row.acknowledged_by,
    resolvedBy: row.resolved_by,
    hops: row.hops,
    timeline: row.timeline,
    escalation: escalationView(row),
    deliveries: [],
  };
}

function escalationView(row: AlertRow): EscalationView | null {
  const record = row.escalation;
  if (!record) return null;
  return {
    state: record.state,
    policy: record.policy,
    level: record.position?.level ?? null,
    run: record.position?.run ?? null,
    nextAt: record.state === 'escalating' ? (record.position?.at ?? null) : null,
    suppression: record.suppression,
  };
}
