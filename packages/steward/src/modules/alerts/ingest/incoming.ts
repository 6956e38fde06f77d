// What every sender's alert comes down to, read from the payloads as their projects specify them:
// pure, data in and data out. Alertmanager alerts are keyed by fingerprint (computed from the labels
// when the sender gives none); PagerDuty events by dedup_key.
import { hash } from 'node:crypto';
import type { PostableAlert, Webhook } from '../sender-schemas.ts';
import type { AlertSource, Urgency } from '../tables.ts';

export type Action = 'trigger' | 'acknowledge' | 'resolve';

export interface IncomingAlert {
  source: AlertSource;
  action: Action;
  dedupKey: string;
  /** Alertmanager's group key (webhook only); '' when there is no group. */
  groupKey: string;
  groupLabels: Record<string, string> | null;
  summary: string;
  labels: Record<string, string>;
  annotations: Record<string, unknown>;
  generatorUrl: string | null;
  startsAt: Date | null;
  /** What the sender's severity says; an integration's own urgency wins over it. */
  urgency: Urgency;
}

/** Stable across senders and restarts: the sorted label pairs, hashed. */
export function fingerprintOf(labels: Record<string, string>): string {
  const pairs = Object.keys(labels)
    .sort()
    .map((name) => [name, labels[name]]);
  return hash('sha256', JSON.stringify(pairs), 'hex');
}

/**
 * An RFC 3339 time as a Date (JavaScript keeps milliseconds: further digits are dropped); Go's zero
 * time, which Alertmanager sends for "not set", is null.
 */
export function parseTime(text: string | undefined): Date | null {
  if (!text || text.startsWith('0001-01-01')) return null;
  const trimmed = text.replace(/(\.\d{3})\d+/, '$1');
  const date = new Date(trimmed);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The contract: high when the `severity` label is critical or page, or absent; else low. */
export function labelUrgency(labels: Record<string, string>): Urgency {
  const severity = labels.severity?.toLowerCase();
  return severity === undefined || severity === 'critical' || severity === 'page' ? 'high' : 'low';
}

function summaryOf(labels: Record<string, string>, annotations: Record<string, string>): string {
  return (
    annotations.summary ?? annotations.description ?? labels.alertname ?? fingerprintOf(labels).slice(0, 16)
  );
}

/** Alertmanager webhook v4: one message per group, firing and resolved alerts side by side. */
export function fromWebhook(body: Webhook): IncomingAlert[] {
  return body.alerts.map((alert) => ({
    source: 'alertmanager-webhook',
    action: alert.status === 'firing' ? 'trigger' : 'resolve',
    dedupKey: alert.fingerprint || fingerprintOf(alert.labels),
    groupKey: body.groupKey,
    groupLabels: body.groupLabels,
    summary: summaryOf(alert.labels, alert.annotations),
    labels: alert.labels,
    annotations: alert.annotations,
    generatorUrl: alert.generatorURL || null,
    startsAt: parseTime(alert.startsAt),
    urgency: labelUrgency(alert.labels),
  }));
}

/** Alertmanager API v2: an alert whose endsAt has passed is resolved. */
export function fromApiV2(alerts: PostableAlert[], now: Date): IncomingAlert[] {
  return alerts.map((alert) => {
    const endsAt = parseTime(alert.endsAt);
    const annotations = alert.annotations ?? {};
    return {
      source: 'alertmanager-api',
      action: endsAt !== null && endsAt.getTime() <= now.getTime() ? 'resolve' : 'trigger',
      dedupKey: fingerprintOf(alert.labels),
      groupKey: '',
      groupLabels: null,
      summary: summaryOf(alert.labels, annotations),
      labels: alert.labels,
      annotations,
      generatorUrl: alert.generatorURL || null,
      startsAt: parseTime(alert.startsAt),
      urgency: labelUrgency(alert.labels),
    };
  });
}
