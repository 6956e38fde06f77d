// Schedules and escalation policies as on-call serves them: the catalog's own readers (full refs,
// defaults filled in) plus what on-call needs on top (names, timings in milliseconds).
import {
  type CatalogEntity,
  parseEntityRef,
  readEscalationPolicySpec,
  readScheduleSpec,
  stringifyEntityRef,
} from '../catalog/index.ts';
import { durationMs } from './durations.ts';
import type { ScheduleDefinition } from './engine/index.ts';
import type { EscalationPolicyView } from './schemas.ts';

const defaultEscalateAfterMs = 30 * 60 * 1000;

export interface ScheduleView extends ScheduleDefinition {
  name: string;
  namespace: string;
  owner: string | null;
}

/** A ref as a person or an entity wrote it, made full (`kind:namespace/name`, lower case); null when unreadable. */
export function fullRef(
  text: unknown,
  defaultKind: string | undefined,
  namespace = 'default',
): string | null {
  if (typeof text !== 'string') return null;
  const parsed = parseEntityRef(text, { defaultKind, defaultNamespace: namespace });
  return parsed.ok ? stringifyEntityRef(parsed.ref) : null;
}

export function readSchedule(entity: CatalogEntity): ScheduleView {
  const spec = readScheduleSpec(entity);
  return { ...spec, name: entity.name, namespace: entity.namespace, owner: spec.owner };
}

export function readPolicy(entity: CatalogEntity): EscalationPolicyView {
  const spec = readEscalationPolicySpec(entity);
  return {
    ref: spec.ref,
    owner: spec.owner,
    repeat: spec.repeat,
    steps: spec.steps.map((step) => ({
      notify: step.notify,
      escalateAfterMs: durationMs(step.escalateAfter) ?? defaultEscalateAfterMs,
      strategy: step.strategy,
    })),
    acknowledgeTimeoutMs: spec.acknowledgeTimeout ? durationMs(spec.acknowledgeTimeout) : null,
    workingHours: spec.workingHours ?? null,
  };
}

/** The policy an entity names by annotation or (Steward kinds) spec.escalationPolicy. */
export function namedPolicy(entity: CatalogEntity): { ref: string; how: string } | null {
  const annotations = (entity.metadata.annotations ?? {}) as Record<string, unknown>;
  const annotated = fullRef(
    annotations['steward.dev/escalation-policy'],
    'escalationpolicy',
    entity.namespace,
  );
  if (annotated) return { ref: annotated, how: 'its annotation steward.dev/escalation-policy' };
  const spec = fullRef(entity.spec.escalationPolicy, 'escalationpolicy', entity.namespace);
  return spec ? { ref: spec, how: 'its spec.escalationPolicy' } : null;
}
