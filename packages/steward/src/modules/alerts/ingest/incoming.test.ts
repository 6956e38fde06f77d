// Reading senders' payloads: fingerprints stable whatever the label order, Go's zero time as "not
// set", nine fractional digits, urgency as the contract says, and PagerDuty's required fields.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { recordedPayloads } from '../alerts.test-support.ts';
import { fingerprintOf, fromWebhook, labelUrgency, parseTime } from './incoming.ts';
import { readPagerDutyEvent } from './pagerduty.ts';

describe('reading what senders send', () => {
  it('fingerprints a label set the same in any order, and differently for other labels', () => {
    expect(fingerprintOf({ a: '1', b: '2' })).toBe(fingerprintOf({ b: '2', a: '1' }));
    expect(fingerprintOf({ a: '1', b: '2' })).not.toBe(fingerprintOf({ a: '1', b: '3' }));
    // Not fooled by where a pair's boundary falls.
    expect(fingerprintOf({ a: 'b=c' })).not.toBe(fingerprintOf({ 'a=b': 'c' }));
  });

  it('keeps the key alerts already stored have: the SHA-256 of the sorted pairs as JSON, in hex', () => {
    // A key that changed across versions would open a second alert for one Alertmanager resends.
    const stored = createHash('sha256')
      .update('[["alertname","DiskFull"],["instance","db-1"]]')
      .digest('hex');
    expect(fingerprintOf({ instance: 'db-1', alertname: 'DiskFull' })).toBe(stored);
  });

  it("reads RFC 3339 times with nine fractional digits and Go's zero time as none", () => {
    expect(parseTime('2026-11-22T00:05:06.546370033Z')?.toISOString()).toBe('2026-11-22T00:05:06.546Z');
    expect(parseTime('0001-01-01T00:00:00Z')).toBeNull();
    expect(parseTime('2026-11-22T01:00:00+01:00')?.toISOString()).toBe('2026-11-22T00:00:00.000Z');
  });

  it('makes an alert high urgency when severity is critical, page or absent', () => {
    const sets: Record<string, string>[] = [{ severity: 'critical' }, { severity: 'page' }, {}];
    expect(sets.map((labels) => labelUrgency(labels))).toEqual(['high', 'high', 'high']);
    expect([{ severity: 'warning' }, { severity: 'info' }].map((labels) => labelUrgency(labels))).toEqual([
      'low',
      'low',
    ]);
  });

  it("keeps the recorded webhook's fingerprints, group key and states", () => {
    const partly = recordedPayloads().find((r) => r.file.startsWith('07-'))?.body;
    const alerts = fromWebhook(partly);
    expect(alerts.map((a) => [a.dedupKey, a.action])).toEqual([
      ['ea93780d623cee11', 'trigger'],
      ['c075c30293f8d212', 'resolve'],
    ]);
    expect(alerts[0]?.groupLabels).toEqual({ alertname: 'HighErrorRate', service: 'checkout' });
    // Alertmanager's PagerDuty dedup_key is the SHA-256 of this group key, as its README says.
    const pd = recordedPayloads().find((r) => r.file.startsWith('01-'))?.body;
    expect(createHash('sha256').update(partly.groupKey).digest('hex')).toBe(pd.dedup_key);
  });

  it('generates a dedup_key for a trigger without one, and requires one to resolve', () => {
    const event = readPagerDutyEvent({
      routing_key: 'k',
      event_action: 'trigger',
      payload: { summary: 's', source: 'x', severity: 'info' },
    });
    expect(event.ok && event.dedupKeyGenerated && event.alert.dedupKey.length).toBe(32);
    expect(event.ok && event.alert.urgency).toBe('low');
    expect(readPagerDutyEvent({ routing_key: 'k', event_action: 'resolve' })).toMatchObject({ ok: false });
    expect(readPagerDutyEvent([])).toMatchObject({ ok: false });
  });
});
