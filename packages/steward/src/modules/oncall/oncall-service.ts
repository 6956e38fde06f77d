// Who is on call: a policy's steps resolved at an instant (schedules to the person on shift, groups to
// their members), for a service or a team; the face the alerts module routes and pages with.
import { invalid, notFound } from '../../platform/errors.ts';
import type { Catalog, CatalogEntity } from '../catalog/index.ts';
import type { CatalogView } from './catalog-view.ts';
import { shiftAt } from './engine/index.ts';
import { type PolicyRoute, routePolicy, serviceCandidates, teamPolicies, teamRef } from './route-policy.ts';
import type { EscalationPolicyView, OncallAnswer, OncallEntry } from './schemas.ts';
import { asEngineOverride, overridesOf } from './store.ts';
import type { OncallDb } from './tables.ts';

export interface Reached {
  user: string;
  schedule: string | null;
  from: string;
  until: string;
}

export interface OncallService {
  /** `GET /api/v1/oncall`'s answer: exactly one of team and service. */
  oncall(query: { team?: string | undefined; service?: string | undefined; at: Date }): Promise<OncallAnswer>;
  /** The policy for an alert's service/team, with each hop and why (the contract's route). */
  policyFor(target: { service: string | null; team: string | null }): Promise<PolicyRoute>;
  /** The same for many targets (the alerts of one request), their services read from the catalog at once. */
  policiesFor(targets: readonly { service: string | null; team: string | null }[]): Promise<PolicyRoute[]>;
  /** Who step `level` (1-based) of a policy reaches at an instant; [] past the last step or for no policy. */
  reach(policyRef: string, level: number, at: Date): Promise<Reached[]>;
  policy(ref: string): Promise<EscalationPolicyView | null>;
}

export interface OncallContext {
  db: OncallDb;
  view: CatalogView;
  catalog: Pick<Catalog, 'loadEntitiesByRef'>;
}

// Overrides further than this from the instant cannot change whose shift it is, only how long it lasts.
const overrideReachMs = 92 * 24 * 3600 * 1000;

export function createOncallService(ctx: OncallContext): OncallService {
  /** Each name's entity (the first of its candidate refs the catalog has), in one read. */
  const findServices = async (names: readonly string[]): Promise<(CatalogEntity | null)[]> => {
    if (names.length === 0) return [];
    const candidates = names.map(serviceCandidates);
    const found = await ctx.catalog.loadEntitiesByRef([...new Set(candidates.flat())]);
    const byRef = new Map(found.map((e) => [e.ref, e]));
    return candidates.map((refs) => refs.map((ref) => byRef.get(ref)).find((e) => e !== undefined) ?? null);
  };
  const findService = async (name: string) => (await findServices([name]))[0] ?? null;
  const routeOf = (
    view: Awaited<ReturnType<CatalogView['current']>>,
    { service, team }: { service: string | null; team: string | null },
    entity: CatalogEntity | null,
  ): PolicyRoute => {
    if (service && !entity) {
      const route = routePolicy(view, null, team);
      return { ...route, hops: [{ text: `no service ${service} in the catalog` }, ...route.hops] };
    }
    return routePolicy(view, entity, team);
  };

  const reach = async (policyRef: string, level: number, at: Date): Promise<Reached[]> => {
    const view = await ctx.view.current();
    const step = view.policies.get(policyRef.toLowerCase())?.steps[level - 1];
    if (!step) return [];
    const reached = new Map<string, Reached>();
    const add = (entry: Reached) => {
      if (!reached.has(entry.user)) reached.set(entry.user, entry);
    };
    // A person named directly (or through a group) is reached for as long as the step lasts.
    const direct = {
      from: at.toISOString(),
      until: new Date(at.getTime() + step.escalateAfterMs).toISOString(),
    };
    for (const target of step.notify) {
      const kind = target.slice(0, target.indexOf(':'));
      if (kind === 'user') add({ user: target, schedule: null, ...direct });
      else if (kind === 'group') {
        for (const user of view.groups.get(target)?.members ?? []) add({ user, schedule: null, ...direct });
      } else if (kind === 'schedule') {
        const schedule = view.schedules.get(target);
        if (!schedule) continue;
        const overrides = await overridesOf(ctx.db, target, {
          from: new Date(at.getTime() - overrideReachMs),
          until: new Date(at.getTime() + overrideReachMs),
        });
        const shift = shiftAt(schedule, overrides.map(asEngineOverride), at);
        if (shift) {
          add({
            user: shift.user,
            schedule: target,
            from: shift.from.toISOString(),
            until: shift.until.toISOString(),
          });
        }
      }
    }
    return [...reached.values()];
  };

  const entriesOf = async (policy: EscalationPolicyView, at: Date): Promise<OncallEntry[]> => {
    const entries: OncallEntry[] = [];
    for (let level = 1; level <= policy.steps.length; level++) {
      for (const person of await reach(policy.ref, level, at))
        entries.push({ ...person, level, policy: policy.ref });
    }
    return entries;
  };

  return {
    async oncall({ team, service, at }) {
      if ((team === undefined) === (service === undefined)) {
        throw invalid('give exactly one of team and service', [
          {
            field: 'querystring.team',
            message: 'give either team=NAME or service=NAME, not both or neither',
          },
        ]);
      }
      const view = await ctx.view.current();
      let policies: EscalationPolicyView[];
      if (service !== undefined) {
        const entity = await findService(service);
        if (!entity)
          throw notFound(
            `no service ${service} in the catalog (looked for ${serviceCandidates(service).join(', ')})`,
          );
        const { policy } = routePolicy(view, entity, null);
        policies = policy ? [policy] : [];
      } else {
        const group = teamRef(team as string);
        if (!group || !view.groups.has(group))
          throw notFound(`no team ${team} in the catalog (looked for ${group ?? team})`);
        policies = teamPolicies(view, group);
      }
      const oncall = (await Promise.all(policies.map((p) => entriesOf(p, at)))).flat();
      return { at: at.toISOString(), oncall };
    },
    async policyFor(target) {
      const view = await ctx.view.current();
      return routeOf(view, target, target.service ? await findService(target.service) : null);
    },
    async policiesFor(targets) {
      const view = await ctx.view.current();
      const named = [...new Set(targets.flatMap((t) => (t.service ? [t.service] : [])))];
      const entities = new Map((await findServices(named)).map((entity, i) => [named[i], entity]));
      return targets.map((t) => routeOf(view, t, t.service ? (entities.get(t.service) ?? null) : null));
    },
    reach,
    async policy(ref) {
      return (await ctx.view.current()).policies.get(ref.toLowerCase()) ?? null;
    },
  };
}
