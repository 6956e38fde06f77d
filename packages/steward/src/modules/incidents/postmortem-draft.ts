// The postmortem's first draft, pure: the incident's data and timeline in, Markdown out, with the
// sections a review needs (summary, impact with durations, timeline, contributing factors, what went
// well, what went wrong, follow-ups). Sections only people can write are left as prompts.
import type { FollowUp, IncidentView, TimelineItem } from './schemas.ts';

export interface DraftInput {
  incident: IncidentView;
  timeline: readonly TimelineItem[];
  statusUpdates: readonly { at: string; summary: string }[];
  followUps: readonly FollowUp[];
}

/** 95 min → "1 h 35 min"; under a minute → "under a minute". */
export function humanDuration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'under a minute';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  return [days ? `${days} d` : '', hours ? `${hours} h` : '', rest ? `${rest} min` : '']
    .filter(Boolean)
    .join(' ');
}

const after = (from: string, to: string | null) =>
  to ? `${humanDuration(Date.parse(to) - Date.parse(from))} after it started (${to})` : 'not yet';

/** Markdown text with its own syntax made plain, so a title cannot break the document. */
const plain = (text: string) => text.replace(/([\\`*_[\]#<>|])/g, '\\$1').replace(/\r?\n/g, ' ');

export function draftPostmortem({ incident, timeline, statusUpdates, followUps }: DraftInput): string {
  const roles = Object.entries(incident.roles).map(([role, person]) => `${role}: ${person}`);
  const lastUpdate = statusUpdates.at(-1);
  const lines = [
    `# Postmortem: ${plain(incident.title)}`,
    '',
    `Incident ${incident.id} · ${incident.severity} · ${incident.state}`,
    '',
    '## Summary',
    '',
    lastUpdate
      ? `${plain(lastUpdate.summary)} (last status update, ${lastUpdate.at})`
      : '_What happened, in two or three sentences for someone outside the team._',
    '',
    '## Impact',
    '',
    `- Services: ${incident.services.join(', ') || 'none named'}`,
    `- Owning teams: ${incident.teams.join(', ') || 'none'}`,
    `- Started: ${incident.startedAt}; declared ${incident.createdAt}`,
    `- Acknowledged: ${after(incident.startedAt, incident.acknowledgedAt)}`,
    `- Mitigated: ${after(incident.startedAt, incident.mitigatedAt)}`,
    `- Resolved: ${after(incident.startedAt, incident.resolvedAt)}`,
    incident.resolvedAt
      ? `- Duration: ${humanDuration(Date.parse(incident.resolvedAt) - Date.parse(incident.startedAt))}`
      : '- Duration: still open',
    `- Responders: ${roles.join('; ') || 'no roles were assigned'}`,
    `- Alerts attached: ${incident.alerts.length}`,
    '',
    '## Timeline',
    '',
    '| time (UTC) | who | what |',
    '| --- | --- | --- |',
    ...timeline.map((item) => `| ${item.at} | ${plain(item.actor)} | ${plain(item.text)} |`),
    '',
    '## Contributing factors',
    '',
    '_What made this possible, and what made it worse? Causes are rarely one thing._',
    '',
    '## What went well',
    '',
    '_Detection, tooling, people: what should we keep?_',
    '',
    '## What went wrong',
    '',
    '_Where did we lose time, and why?_',
    '',
    '## Follow-ups',
    '',
    ...(followUps.length > 0
      ? followUps.map((f) => `- [${f.done ? 'x' : ' '}] ${plain(f.title)} (owner ${f.owner}, due ${f.due})`)
      : ['_None yet: add them with POST /api/v1/incidents/{id}/follow-ups._']),
    '',
  ];
  return lines.join('\n');
}
