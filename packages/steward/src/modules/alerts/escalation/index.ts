// Escalation: whom to notify about an alert now and when to look again, step by step through its policy.
// Pure: the alerts module's job stores each answer and runs the planner again at `next.at`.
export { describeDuration, describeInstant, describeWorkingHours } from './hop-text.ts';
export type {
  AlertForEscalation,
  EscalationInput,
  EscalationNotification,
  EscalationPlan,
  EscalationPolicyPlan,
  EscalationPosition,
  EscalationStep,
  RoundRobinCursors,
  Urgency,
  Weekday,
  WorkingHours,
} from './model.ts';
export { firstPosition, planEscalation } from './plan.ts';
export { type PreviewTurn, previewEscalation } from './preview.ts';
export { readPosition, type StoredPosition, storedPositionSchema, storePosition } from './stored-position.ts';
