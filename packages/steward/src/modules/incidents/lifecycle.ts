// An incident's lifecycle, pure: triage → active → mitigated → resolved → post-incident → closed, with
// declined and merged from any open state. A fix may skip mitigation (active → resolved), a mitigation
// or resolution that did not hold goes back to active; closed, declined and merged are final.

export const incidentStates = [
  'triage',
  'active',
  'mitigated',
  'resolved',
  'post-incident',
  'closed',
  'declined',
  'merged',
] as const;
export type IncidentState = (typeof incidentStates)[number];

/** Open: someone is still responding. */
export const openStates: readonly IncidentState[] = ['triage', 'active', 'mitigated'];

const moves: Record<IncidentState, readonly IncidentState[]> = {
  triage: ['active', 'declined', 'merged'],
  active: ['mitigated', 'resolved', 'declined', 'merged'],
  mitigated: ['resolved', 'active', 'declined', 'merged'],
  resolved: ['post-incident', 'active'],
  'post-incident': ['closed'],
  closed: [],
  declined: [],
  merged: [],
};

export function allowedMoves(from: IncidentState): readonly IncidentState[] {
  return moves[from];
}

export function canMove(from: IncidentState, to: IncidentState): boolean {
  return moves[from].includes(to);
}

/** Whether the incident was resolved at some point and stays so: a postmortem may be written. */
export function isResolved(state: IncidentState): boolean {
  return state === 'resolved' || state === 'post-incident' || state === 'closed';
}

/** The timestamps a move sets the first time it is made (reopening keeps the first). */
export function milestoneOf(to: IncidentState): 'mitigated_at' | 'resolved_at' | 'closed_at' | null {
  if (to === 'mitigated') return 'mitigated_at';
  if (to === 'resolved') return 'resolved_at';
  if (to === 'closed') return 'closed_at';
  return null;
}
