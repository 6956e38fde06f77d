// What a delivery sends, fixed when it is queued so every retry sends the same: an alert notification
// (the public contract's webhook message) or a notice that a person's on-call shift is coming up.
import type { IncidentNotice, NotifiedAlert, ShiftNotice } from '../schemas.ts';

export interface AlertMessage {
  /** Absent on rows written before shift notices existed: an alert. */
  kind?: 'alert';
  alert: NotifiedAlert;
  /** The User ref, e.g. user:default/alice. */
  person: string;
  level: number;
  links: { acknowledge: string; resolve: string };
  /** The delivery's dedup key: the Idempotency-Key header is derived from it. */
  idempotencyKey: string;
}

export interface ShiftMessage {
  kind: 'shift';
  shift: ShiftNotice;
  person: string;
  idempotencyKey: string;
}

export interface IncidentMessage {
  kind: 'incident';
  incident: IncidentNotice;
  text: string;
  person: string;
  idempotencyKey: string;
}

export type Message = AlertMessage | ShiftMessage | IncidentMessage;

export const isShift = (message: Message): message is ShiftMessage => message.kind === 'shift';
export const isIncident = (message: Message): message is IncidentMessage => message.kind === 'incident';

/** One line about an incident notice, for texts and subjects. */
export function incidentLine(message: IncidentMessage): string {
  const { incident } = message;
  return `[${incident.severity} ${incident.state}] ${incident.title}: ${message.text}`;
}

/** A gap notice: nobody is on call in a schedule the person's team owns (rows before gaps: a shift). */
export const isGap = (message: ShiftMessage) => message.shift.about === 'gap';

/** One line about a shift, or a gap, for texts and subjects. */
export function shiftLine(message: ShiftMessage): string {
  const { shift } = message;
  const rota = shift.schedule ?? shift.policy ?? 'a rota';
  if (isGap(message)) {
    return `Nobody is on call for ${rota} from ${shift.from} until ${shift.until}; ${message.person} hears of it as one of the team that owns it. Add an override or swap a shift to cover it.`;
  }
  return `${message.person} is on call for ${rota} (level ${shift.level}) from ${shift.from} until ${shift.until}`;
}
