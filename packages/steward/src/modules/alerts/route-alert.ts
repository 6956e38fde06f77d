// Where an alert goes: the integration's binding, else the same answer as
// `steward who-owns 'alert:{labels}'`, else the configured default team (unowned, never dropped).
// Each hop is recorded with its reason, so anyone can see why an alert reached whom.
import type { WhoOwnsAnswer } from '../ownership/index.ts';
import type { IncomingAlert } from './ingest/incoming.ts';
import type { Hop } from './tables.ts';

export interface Route {
  service: string | null;
  team: string | null;
  unowned: boolean;
  hops: Hop[];
}

export interface RouteContext {
  whoOwns(things: readonly string[]): Promise<WhoOwnsAnswer[]>;
  /** A group ref (group:default/sre), or null when none is configured. */
  defaultTeam: string | null;
}

export interface RoutedIntegration {
  name: string;
  service: string | null;
}

/** Prometheus' own label-set syntax, as `steward who-owns` reads it. */
export function alertThing(labels: Record<string, string>): string {
  const pairs = Object.keys(labels)
    .sort()
    .map((name) => `${name}=${JSON.stringify(labels[name])}`);
  return `alert:{${pairs.join(',')}}`;
}

export async function routeAlert(
  alert: Pick<IncomingAlert, 'labels' | 'annotations'>,
  integration: RoutedIntegration,
  ctx: RouteContext,
  now = new Date(),
): Promise<Route> {
  const at = now.toISOString();
  const hops: Hop[] = [];
  const hop = (kind: string, text: string) => hops.push({ at, kind, text });

  if (integration.service) {
    hop('binding', `integration ${integration.name} is bound to ${integration.service}`);
    const [answer] = await ask(ctx, integration.service, hop);
    const team = answer?.owners[0]?.ref ?? null;
    if (team) {
      hop('owner', `owner of ${integration.service} is ${team}`);
      return { service: integration.service, team, unowned: false, hops };
    }
    hop('owner', `${integration.service} has no owner in the catalog`);
    return toDefault(ctx, hop, hops, integration.service);
  }

  const labels = labelsToAsk(alert);
  if (labels) {
    const thing = alertThing(labels);
    const [answer] = await ask(ctx, thing, hop);
    const team = answer?.owners[0]?.ref ?? null;
    if (answer && team) {
      const service = answer.decidedBy?.entity ?? null;
      const rule = answer.decidedBy ? ` (${answer.decidedBy.source}: ${answer.decidedBy.rule})` : '';
      hop('who-owns', `who-owns ${thing} → ${service ?? team}${rule}`);
      if (service) hop('owner', `owner of ${service} is ${team}`);
      return { service, team, unowned: false, hops };
    }
    if (answer) hop('who-owns', `who-owns ${thing}: ${answer.explanation}`);
  } else {
    hop('who-owns', `the alert has no labels and integration ${integration.name} is bound to no service`);
  }
  return toDefault(ctx, hop, hops, null);
}

/**
 * Many alerts of one request: who-owns is asked once, about every distinct thing among them, and each
 * alert routed as routeAlert routes it alone. When the one question fails as a whole, each alert asks
 * on its own, so one unreadable label set does not send the others to the default team.
 */
export async function routeAlerts(
  alerts: readonly Pick<IncomingAlert, 'labels' | 'annotations'>[],
  integration: RoutedIntegration,
  ctx: RouteContext,
  now = new Date(),
): Promise<Route[]> {
  const things = new Set<string>();
  if (integration.service) things.add(integration.service);
  else
    for (const alert of alerts) {
      const labels = labelsToAsk(alert);
      if (labels) things.add(alertThing(labels));
    }
  const asked = [...things];
  let answers: Map<string, WhoOwnsAnswer> | null = null;
  try {
    const answered = asked.length ? await ctx.whoOwns(asked) : [];
    answers = new Map(asked.map((thing, at) => [thing, answered[at] as WhoOwnsAnswer]));
  } catch {
    answers = null;
  }
  const known = answers;
  const batched: RouteContext = known
    ? { ...ctx, whoOwns: (one) => Promise.resolve(one.map((thing) => known.get(thing) as WhoOwnsAnswer)) }
    : ctx;
  return Promise.all(alerts.map((alert) => routeAlert(alert, integration, batched, now)));
}

/** Alertmanager's labels; a PagerDuty event has none, but may name a service in component or group. */
function labelsToAsk(alert: Pick<IncomingAlert, 'labels' | 'annotations'>): Record<string, string> | null {
  if (Object.keys(alert.labels).length > 0) return alert.labels;
  const named = alert.annotations.component ?? alert.annotations.group;
  return typeof named === 'string' && named !== '' ? { service: named } : null;
}

async function ask(
  ctx: RouteContext,
  thing: string,
  hop: (kind: string, text: string) => void,
): Promise<WhoOwnsAnswer[]> {
  try {
    return await ctx.whoOwns([thing]);
  } catch (error) {
    hop('who-owns', `who-owns ${thing} could not answer: ${(error as Error).message}`);
    return [];
  }
}

function toDefault(
  ctx: RouteContext,
  hop: (kind: string, text: string) => void,
  hops: Hop[],
  service: string | null,
): Route {
  if (ctx.defaultTeam)
    hop('default', `nothing owns it: it goes to the default alert team ${ctx.defaultTeam}`);
  else
    hop(
      'default',
      'nothing owns it and no default alert team is configured (STEWARD_DEFAULT_ALERT_TEAM / --default-alert-team)',
    );
  return { service, team: ctx.defaultTeam, unowned: true, hops };
}
