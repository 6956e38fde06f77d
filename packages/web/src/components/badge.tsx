// A small label for a role, scope or state.
import type { ReactNode } from 'react';

export type BadgeTone = 'neutral' | 'accent' | 'success' | 'warning' | 'danger';

export function Badge({ tone = 'neutral', children }: { tone?: BadgeTone; children: ReactNode }) {
  return <span className={`badge badge--${tone}`}>{children}</span>;
}

export function roleTone(role: string): BadgeTone {
  if (role === 'admin') return 'danger';
  if (role === 'lead') return 'accent';
  if (role === 'viewer') return 'warning';
  return 'neutral';
}
