// Webhook bodies. The alert notification is exactly the public contract (PRODUCT.md, "Notifications");
// a shift notice is Steward's own, `type: "shift.notice"`, and so is a gap notice, `type: "gap.notice"`.
import type { Message } from './message.ts';

export function webhookBody(message: Message) {
  if (message.kind === 'shift') {
    const { shift } = message;
    return {
      type: shift.about === 'gap' ? 'gap.notice' : 'shift.notice',
      person: message.person,
      shift: {
        schedule: shift.schedule,
        policy: shift.policy,
        level: shift.level,
        from: shift.from,
        until: shift.until,
      },
    };
  }
  if (message.kind === 'incident') {
    return {
      type: 'incident.notice',
      person: message.person,
      text: message.text,
      incident: message.incident,
    };
  }
  const { alert } = message;
  return {
    type: 'alert.notify',
    alert: {
      id: alert.id,
      status: alert.status,
      service: alert.service,
      team: alert.team,
      summary: alert.summary,
      labels: alert.labels,
    },
    person: message.person,
    level: message.level,
    links: { acknowledge: message.links.acknowledge, resolve: message.links.resolve },
  };
}
