// An alert's status as a badge: triggered is the one that needs someone.
import type { AlertStatus } from '../../api/alerts.ts';
import { Badge, type BadgeTone } from '../badge.tsx';

const tones: Record<AlertStatus, BadgeTone> = {
  triggered: 'danger',
  acknowledged: 'warning',
  resolved: 'success',
};

export function AlertStatusBadge({ status }: { status: AlertStatus }) {
  return <Badge tone={tones[status]}>{status}</Badge>;
}
