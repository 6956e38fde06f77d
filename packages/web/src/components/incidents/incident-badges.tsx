// An incident's state and severity as badges: open states stand out, the two most severe levels in red.
import { Badge, type BadgeTone } from '../badge.tsx';

const stateTones: Record<string, BadgeTone> = {
  triage: 'danger',
  active: 'danger',
  mitigated: 'warning',
  resolved: 'success',
  'post-incident': 'accent',
  closed: 'neutral',
  declined: 'neutral',
  merged: 'neutral',
};

export function StateBadge({ state }: { state: string }) {
  return <Badge tone={stateTones[state] ?? 'neutral'}>{state}</Badge>;
}

export function SeverityBadge({ severity }: { severity: string }) {
  const tone: BadgeTone = severity === 'SEV1' || severity === 'SEV2' ? 'danger' : 'warning';
  return <Badge tone={tone}>{severity}</Badge>;
}
