// The small labels an entity carries everywhere: its kind (coloured the same in lists and the
// graph), its tier and its lifecycle.
import { Badge, type BadgeTone } from '../badge.tsx';

const knownKinds = new Set(['component', 'api', 'resource', 'system', 'domain', 'group', 'user', 'location']);

/** The CSS modifier for a kind's colour; kinds Steward does not know share one. */
export function kindClass(kind: string): string {
  return knownKinds.has(kind) ? kind : 'other';
}

export function KindBadge({ kind }: { kind: string }) {
  return <span className={`kind-badge kind-badge--${kindClass(kind)}`}>{kind}</span>;
}

const lifecycleTones: Record<string, BadgeTone> = {
  production: 'success',
  experimental: 'warning',
  deprecated: 'danger',
};

export function LifecycleBadge({ lifecycle }: { lifecycle: string | null }) {
  if (!lifecycle) return null;
  return <Badge tone={lifecycleTones[lifecycle] ?? 'neutral'}>{lifecycle}</Badge>;
}

export function TierBadge({ tier }: { tier: string | null }) {
  if (!tier) return null;
  return <Badge tone={tier === '1' ? 'accent' : 'neutral'}>Tier {tier}</Badge>;
}
