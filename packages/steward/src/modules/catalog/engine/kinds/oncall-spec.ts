// The on-call kinds' specs as the modules that act on them read them: every ref in full
// (`user:default/alice`) in the order written, every default filled in. Only for entities the
// catalog accepted, so the shapes are known to hold.
import type { CatalogEntity } from '../model.ts';
import { parseEntityRef, stringifyEntityRef } from '../refs.ts';
import type { weekdays } from './oncall.ts';

export type Weekday = (typeof weekdays)[number];

export interface Restriction {
  days: Weekday[];
  /** HH:MM wall time; `to` at or before `from` runs past midnight, 24:00 is the end of the day. */
  from: string;
  to: string;
}

export interface ScheduleLayer {
  name: string;
  /** YYYY-MM-DDTHH:MM[:SS], wall time in the schedule's zone. */
  start: string;
  /** ISO 8601 duration: weeks and days hand off at the same wall time, hours count elapsed time. */
  rotation: string;
  /** Full User refs, in turn. */
  members: string[];
  restrictions?: Restriction[];
}

export interface ScheduleSpec {
  ref: string;
  owner: string;
  timeZone: string;
  layers: ScheduleLayer[];
}

export interface EscalationStep {
  /** Full refs of Schedules, Users and Groups. */
  notify: string[];
  /** Default PT30M; on the last step, how long before the policy runs again. */
  escalateAfter: string;
  strategy: 'all' | 'round-robin';
}

export interface WorkingHours {
  timeZone: string;
  days: Weekday[];
  from: string;
  to: string;
}

export interface EscalationPolicySpec {
  ref: string;
  owner: string;
  /** Runs of the whole policy after the first while nobody acknowledges (default 0). */
  repeat: number;
  steps: EscalationStep[];
  acknowledgeTimeout?: string;
  workingHours?: WorkingHours;
}

export const defaultEscalateAfter = 'PT30M';

/** A ref as written, in full: `alice` in a schedule's members is `user:default/alice`. */
function fullRef(text: string, namespace: string, defaultKind?: string): string {
  const parsed = parseEntityRef(text, { defaultKind, defaultNamespace: namespace });
  return parsed.ok ? stringifyEntityRef(parsed.ref) : text;
}

interface RawLayer extends Omit<ScheduleLayer, 'members'> {
  members: string[];
}

export function readScheduleSpec(entity: CatalogEntity): ScheduleSpec {
  const spec = entity.spec as { owner: string; timeZone: string; layers: RawLayer[] };
  return {
    ref: entity.ref,
    owner: fullRef(spec.owner, entity.namespace, 'Group'),
    timeZone: spec.timeZone,
    layers: spec.layers.map((layer) => ({
      ...layer,
      members: layer.members.map((m) => fullRef(m, entity.namespace, 'User')),
    })),
  };
}

export function readEscalationPolicySpec(entity: CatalogEntity): EscalationPolicySpec {
  const spec = entity.spec as Omit<EscalationPolicySpec, 'ref' | 'repeat' | 'steps'> & {
    repeat?: number;
    steps: (Pick<EscalationStep, 'notify'> & Partial<EscalationStep>)[];
  };
  return {
    ...spec,
    ref: entity.ref,
    owner: fullRef(spec.owner, entity.namespace, 'Group'),
    repeat: spec.repeat ?? 0,
    steps: spec.steps.map((step) => ({
      notify: step.notify.map((n) => fullRef(n, entity.namespace)),
      escalateAfter: step.escalateAfter ?? defaultEscalateAfter,
      strategy: step.strategy ?? 'all',
    })),
  };
}
