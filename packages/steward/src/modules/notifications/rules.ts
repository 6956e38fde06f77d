// Which contact methods a notification goes to, and when: pure, from a person's rules and methods.
// Without rules of their own a person hears about high urgency at once on every method, and about low
// urgency at once by email only (email waits in an inbox; a webhook may page a phone at night).
import type { ContactMethodType, EffectiveRules, Rule, SetRules, Urgency } from './schemas.ts';

export interface MethodRef {
  id: string;
  type: ContactMethodType;
}

export function effectiveRules(own: SetRules | undefined, methods: MethodRef[]): EffectiveRules {
  const known = new Set(methods.map((m) => m.id));
  if (own) {
    // A rule whose method was removed since no longer applies.
    const live = (rules: Rule[]) => rules.filter((r) => known.has(r.contactMethod));
    return { high: live(own.high), low: live(own.low), source: 'own' };
  }
  const atOnce = (m: MethodRef): Rule => ({ after: 'PT0M', contactMethod: m.id });
  return {
    high: methods.map(atOnce),
    low: methods.filter((m) => m.type === 'email').map(atOnce),
    source: 'default',
  };
}

export interface PlannedDelivery {
  methodId: string;
  delayMs: number;
  /** Tells deliveries apart: the method id, plus the delay when one method has several rules. */
  key: string;
}

/** One delivery per (method, delay) of the urgency's rules; a rule repeated exactly counts once. */
export function planDeliveries(rules: EffectiveRules, urgency: Urgency): PlannedDelivery[] {
  const planned = new Map<string, PlannedDelivery>();
  for (const rule of rules[urgency]) {
    const delayMs = durationMs(rule.after);
    const first = ![...planned.values()].some((p) => p.methodId === rule.contactMethod);
    const key = first ? rule.contactMethod : `${rule.contactMethod}:${delayMs}`;
    if (![...planned.values()].some((p) => p.methodId === rule.contactMethod && p.delayMs === delayMs)) {
      planned.set(key, { methodId: rule.contactMethod, delayMs, key });
    }
  }
  return [...planned.values()];
}

/** Milliseconds of an ISO 8601 duration of days, hours, minutes and seconds (schemas.ts checks it). */
export function durationMs(iso: string): number {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(iso);
  if (!match) throw new Error(`not an ISO 8601 duration of days to seconds: ${iso}`);
  const [, d = '0', h = '0', m = '0', s = '0'] = match;
  return (((Number(d) * 24 + Number(h)) * 60 + Number(m)) * 60 + Number(s)) * 1000;
}
