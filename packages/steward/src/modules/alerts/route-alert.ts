// Where an alert goes: the integration's binding, else the same answer as
// `steward who-owns 'alert:{labels}'` about the labels that decide (those the catalog's matchers and
// naming conventions read), else the configured default team (unowned, never dropped). Each hop is
// recorded with its reason, so anyone can see why an alert reached whom.
import type { AlertOwnership, WhoOwnsAnswer } from '../ownership/index.ts';
import type { IncomingAlert } from './ingest/incoming.ts';
import type { Hop } from './tables.ts';

export interface Route {
  service: string | null;
  team: string | null;
  unowned: boolean;
  hops: Hop[];
}

export interface RouteContext {
  /** Who owns a thing: here, the service an integration is bound to. */
  whoOwns(things: readonly string[]): Promise<WhoOwnsAnswer[]>;
  /** Who owns alerts, by their labels (ownership's face): alike alerts share one answer. */
  whoOwnsAlerts(labelSets: readonly Record<string, string>[]): Promise<AlertOwnership[]>;
  /** A group ref (group:default/sre), or null when none is configured. */
  defaultTeam: string | null;
}

export interface RoutedIntegration {
  name: string;
  service: string | null;
}

type Alert = Pick<IncomingAlert, 'labels' | 'annotations'>;

/**
 * A request's alerts, routed together: who-owns is asked once about all of them, and alerts with one
 * answer share one route (routes are not changed once made). Bound integrations ask about their service.
 */
export async function routeAlerts(
  alerts: readonly Alert[],
  integration: RoutedIntegration,
  ctx: RouteContext,
  now = new Date(),
): Promise<Route[]> {
  if (alerts.length === 0) return [];
  const route = new RouteBuilder(ctx, now);
  if (integration.service) {
    const bound = await route.bound(integration.name, integration.service);
    return alerts.map(() => bound);
  }
  const asked = alerts.map(labelsToAsk);
  const labelSets = asked.filter((labels) => labels !== null);
  let owned: AlertOwnership[] = [];
  let failure: Error | null = null;
  try {
    if (labelSets.length > 0) owned = await ctx.whoOwnsAlerts(labelSets);
  } catch (error) {
    failure = error as Error;
  }
  const shared = new Map<AlertOwnership, Route>();
  let next = 0;
  return asked.map((labels) => {
    if (labels === null) return route.noLabels(integration.name);
    if (failure) return route.failed(failure);
    const ownership = owned[next++] as AlertOwnership;
    let routed = shared.get(ownership);
    if (!routed) {
      routed = route.byLabels(ownership);
      shared.set(ownership, routed);
    }
    return routed;
  });
}

/** Alertmanager's labels; a PagerDuty event has none, but may name a service in component or group. */
function labelsToAsk(alert: Alert): Record<string, string> | null {
  if (Object.keys(alert.labels).length > 0) return alert.labels;
  const named = alert.annotations.component ?? alert.annotations.group;
  return typeof named === 'string' && named !== '' ? { service: named } : null;
}

/** Routes with their hops, each hop stamped with the time the request was routed. */
class RouteBuilder {
  private readonly at: string;
  private readonly ctx: RouteContext;

  constructor(ctx: RouteContext, now: Date) {
    this.ctx = ctx;
    this.at = now.toISOString();
  }

  private hop(kind: string, text: string): Hop {
    return { at: this.at, kind, text };
  }

  async bound(name: string, service: string): Promise<Route> {
    const hops = [this.hop('binding', `integration ${name} is bound to ${service}`)];
    let team: string | null = null;
    try {
      const [answer] = await this.ctx.whoOwns([service]);
      team = answer?.owners[0]?.ref ?? null;
    } catch (error) {
      hops.push(this.hop('who-owns', `who-owns ${service} could not answer: ${(error as Error).message}`));
    }
    if (team) {
      hops.push(this.hop('owner', `owner of ${service} is ${team}`));
      return { service, team, unowned: false, hops };
    }
    hops.push(this.hop('owner', `${service} has no owner in the catalog`));
    return this.toDefault(hops, service);
  }

  byLabels({ thing, answer }: AlertOwnership): Route {
    const team = answer.owners[0]?.ref ?? null;
    if (!team)
      return this.toDefault([this.hop('who-owns', `who-owns ${thing}: ${answer.explanation}`)], null);
    const service = answer.decidedBy?.entity ?? null;
    const rule = answer.decidedBy ? ` (${answer.decidedBy.source}: ${answer.decidedBy.rule})` : '';
    const hops = [this.hop('who-owns', `who-owns ${thing} → ${service ?? team}${rule}`)];
    if (service) hops.push(this.hop('owner', `owner of ${service} is ${team}`));
    return { service, team, unowned: false, hops };
  }

  noLabels(integration: string): Route {
    const text = `the alert has no labels and integration ${integration} is bound to no service`;
    return this.toDefault([this.hop('who-owns', text)], null);
  }

  failed(error: Error): Route {
    return this.toDefault([this.hop('who-owns', `who-owns could not answer: ${error.message}`)], null);
  }

  private toDefault(hops: Hop[], service: string | null): Route {
    const { defaultTeam } = this.ctx;
    hops.push(
      this.hop(
        'default',
        defaultTeam
          ? `nothing owns it: it goes to the default alert team ${defaultTeam}`
          : 'nothing owns it and no default alert team is configured (STEWARD_DEFAULT_ALERT_TEAM / --default-alert-team)',
      ),
    );
    return { service, team: defaultTeam, unowned: true, hops };
  }
}
