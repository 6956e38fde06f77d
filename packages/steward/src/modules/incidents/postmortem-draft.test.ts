// The postmortem draft, pure: durations read as people say them, and text from the incident cannot
// break the document's structure.
import { describe, expect, it } from 'vitest';
import { draftPostmortem, humanDuration } from './postmortem-draft.ts';
import type { IncidentView } from './schemas.ts';

const incident: IncidentView = {
  id: 'i-1',
  title: 'Checkout | fails # for *some*',
  state: 'resolved',
  severity: 'SEV2',
  services: ['component:default/checkout'],
  teams: ['group:default/payments'],
  roles: { commander: 'user:default/mia' },
  alerts: ['a-1'],
  mergedInto: null,
  createdBy: 'mia',
  createdAt: '2026-01-01T10:05:00.000Z',
  startedAt: '2026-01-01T10:00:00.000Z',
  acknowledgedAt: '2026-01-01T10:03:00.000Z',
  mitigatedAt: '2026-01-01T10:45:00.000Z',
  resolvedAt: '2026-01-01T11:35:00.000Z',
  closedAt: null,
  nextUpdateAt: null,
  allowedMoves: ['post-incident', 'active'],
};

describe('the postmortem draft', () => {
  it('says durations in days, hours and minutes', () => {
    expect(humanDuration(30_000)).toBe('under a minute');
    expect(humanDuration(95 * 60_000)).toBe('1 h 35 min');
    expect(humanDuration((24 * 60 + 60) * 60_000)).toBe('1 d 1 h');
  });

  it('states the impact with durations from the start, and keeps the timeline a table', () => {
    const markdown = draftPostmortem({
      incident,
      timeline: [
        {
          id: 't1',
          at: '2026-01-01T10:05:00.000Z',
          type: 'declared',
          actor: 'mia',
          text: 'a | b\nc',
          editedAt: null,
        },
      ],
      statusUpdates: [],
      followUps: [],
    });
    expect(markdown.split('\n')[0]).toBe('# Postmortem: Checkout \\| fails \\# for \\*some\\*');
    expect(markdown).toContain('- Acknowledged: 3 min after it started (2026-01-01T10:03:00.000Z)');
    expect(markdown).toContain('- Mitigated: 45 min after it started');
    expect(markdown).toContain('- Duration: 1 h 35 min');
    expect(markdown).toContain('| 2026-01-01T10:05:00.000Z | mia | a \\| b c |');
    expect(markdown).toContain('_What happened, in two or three sentences');
  });
});
