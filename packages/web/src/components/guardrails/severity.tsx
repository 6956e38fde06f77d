// A finding's severity as a badge: critical and high in red, medium amber, low and info quiet.
import type { Severity } from '../../api/guardrails.ts';
import { Badge, type BadgeTone } from '../badge.tsx';

const tones: Record<Severity, BadgeTone> = {
  critical: 'danger',
  high: 'danger',
  medium: 'warning',
  low: 'neutral',
  info: 'neutral',
};

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <Badge tone={tones[severity]}>{severity}</Badge>;
}
