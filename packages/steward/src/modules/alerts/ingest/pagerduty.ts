// PagerDuty Events API v2 (`POST /v2/enqueue`), read as PagerDuty reads it: the same required fields,
// and errors in its words, so PagerDuty clients (Alertmanager's notifier among them) understand them.
import { randomUUID } from 'node:crypto';
import type { Urgency } from '../tables.ts';
import { type IncomingAlert, parseTime } from './incoming.ts';

const actions = ['trigger', 'acknowledge', 'resolve'] as const;
const severities = ['critical', 'error', 'warning', 'info'] as const;

export type PagerDutyEvent =
  | { ok: true; routingKey: string; alert: IncomingAlert; dedupKeyGenerated: boolean }
  | { ok: false; routingKey: string | null; errors: string[] };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

/** PagerDuty: critical and error page; warning and info do not. */
export function severityUrgency(severity: string): Urgency {
  return severity === 'critical' || severity === 'error' ? 'high' : 'low';
}

export function readPagerDutyEvent(body: unknown): PagerDutyEvent {
  if (!isObject(body)) return { ok: false, routingKey: null, errors: ['Event object is not a JSON object'] };
  const errors: string[] = [];
  const routingKey = text(body.routing_key);
  if (!routingKey) errors.push("'routing_key' is missing or blank");
  const action = body.event_action;
  if (!actions.includes(action as never))
    errors.push(`'event_action' is invalid (must be one of: ${actions.join(', ')})`);
  const given = body.dedup_key;
  if (given !== undefined && given !== null && typeof given !== 'string')
    errors.push("'dedup_key' must be a string");
  const dedupKey = text(given);
  if (!dedupKey && action !== 'trigger' && actions.includes(action as never))
    errors.push("'dedup_key' is missing or blank (required to acknowledge or resolve)");
  if (dedupKey && dedupKey.length > 255) errors.push("'dedup_key' is longer than 255 characters");
  const payload = body.payload;
  if (action === 'trigger') {
    if (!isObject(payload)) errors.push("'payload' is missing or not an object");
    else {
      if (!text(payload.summary)) errors.push("'payload.summary' is missing or blank");
      else if ((payload.summary as string).length > 1024)
        errors.push("'payload.summary' is longer than 1024 characters");
      if (!text(payload.source)) errors.push("'payload.source' is missing or blank");
      if (!severities.includes(payload.severity as never))
        errors.push(`'payload.severity' is invalid (must be one of: ${severities.join(', ')})`);
      if (
        payload.timestamp !== undefined &&
        (typeof payload.timestamp !== 'string' || !parseTime(payload.timestamp))
      )
        errors.push("'payload.timestamp' is not an ISO 8601 time");
    }
  }
  if (errors.length > 0) return { ok: false, routingKey, errors };
  const p = isObject(payload) ? payload : {};
  const details = isObject(p.custom_details) ? p.custom_details : {};
  const annotations: Record<string, unknown> = {
    ...pick(p, ['source', 'component', 'group', 'class']),
    details,
  };
  return {
    ok: true,
    routingKey: routingKey as string,
    dedupKeyGenerated: !dedupKey,
    alert: {
      source: 'pagerduty',
      action: action as IncomingAlert['action'],
      dedupKey: dedupKey ?? randomUUID().replaceAll('-', ''),
      groupKey: '',
      groupLabels: null,
      summary: typeof p.summary === 'string' ? p.summary : '',
      labels: {},
      annotations,
      generatorUrl: typeof body.client_url === 'string' ? body.client_url : null,
      startsAt: typeof p.timestamp === 'string' ? parseTime(p.timestamp) : null,
      urgency: severityUrgency(typeof p.severity === 'string' ? p.severity : 'critical'),
    },
  };
}

function pick(from: Record<string, unknown>, keys: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of keys) if (typeof from[key] === 'string') out[key] = from[key] as string;
  return out;
}
