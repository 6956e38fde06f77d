// What the noise report reads (a team's alerts over a period) and what it answers: which alerts cost
// attention without needing it, so the team can remove or soften them.
import type { Urgency, WorkingHours } from '../escalation/index.ts';

export interface NoiseNotification {
  at: Date;
  person: string;
  urgency: Urgency;
}

export interface NoiseAlert {
  id: string;
  /** The alertname, else the summary: what makes two alerts "the same alert". */
  name: string;
  service: string;
  createdAt: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  acknowledgedBy: string | null;
  /** 'system' when the source resolved it (Alertmanager sent resolved). */
  resolvedBy: string | null;
  notifications: readonly NoiseNotification[];
}

export interface NoiseOptions {
  /** Firing again within this long after resolving counts as a flap. Default 30 minutes. */
  flapWindowMs?: number;
  /** Flaps from which an alert is called flapping. Default 2. */
  minFlaps?: number;
  /** Firings from which an alert is looked at for a suggestion. Default 5. */
  minCount?: number;
}

export interface Share {
  count: number;
  /** Of the relevant total, 0..1; 0 when that total is 0. */
  share: number;
}

export interface AlertGroupNoise {
  name: string;
  service: string;
  count: number;
  /** Resolved by the source and never acknowledged: nobody had to act. */
  resolvedByItself: Share;
  /** Times it fired again within the flap window after resolving. */
  flaps: number;
  /** High-urgency notifications it sent outside the team's working hours. */
  pagesOutsideHours: number;
  /** What to do about it, in plain words; null when it is not noisy. */
  suggestion: string | null;
}

export interface PersonPages {
  person: string;
  pages: number;
  outsideHours: Share;
}

export interface Durations {
  count: number;
  p50Ms: number;
  p90Ms: number;
  maxMs: number;
}

export interface NoiseReport {
  alerts: number;
  /** By name and service, most firings first. */
  groups: AlertGroupNoise[];
  resolvedByItself: Share;
  /** The groups that flapped at least `minFlaps` times, most flaps first. */
  flapping: { name: string; service: string; flaps: number }[];
  /** Pages are high-urgency notifications: low urgency waits for working hours anyway. */
  pagesOutsideHours: Share & { pages: number; byPerson: PersonPages[] };
  /** From creation to acknowledgement, over the alerts someone acknowledged; null when nobody did. */
  timeToAcknowledge: Durations | null;
}

export type { WorkingHours };
