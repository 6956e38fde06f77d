// Which team holds which namespace, and at what tier. A namespace is a team's when the team's Group
// names it (`steward.dev/namespaces: a,b`) or when what the team owns runs there; a namespace two
// teams claim the same way is nobody's until the catalog says (reported, never split or guessed).
import type { CatalogEntity } from '../../../catalog/index.ts';
import { annotationOf, type CatalogView, readTier } from './catalog-view.ts';
import { catalogAnnotations, type Notice, type TeamNamespace, type Tier } from './model.ts';

const dnsLabel = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export interface NamespaceHolders {
  /** namespace → the team holding it */
  holder: ReadonlyMap<string, string>;
  /** team → whether it claimed any namespace at all (held or disputed) */
  claimed: ReadonlySet<string>;
}

export function namespaceHolders(view: CatalogView, teams: readonly CatalogEntity[], notices: Notice[]) {
  const named = new Map<string, Set<string>>();
  const running = new Map<string, Set<string>>();
  const claim = (map: Map<string, Set<string>>, namespace: string, team: string) =>
    map.set(namespace, (map.get(namespace) ?? new Set()).add(team));
  for (const team of teams) {
    for (const namespace of groupNamespaces(team, notices)) claim(named, namespace, team.ref);
    for (const entity of view.ownedBy(team.ref))
      for (const p of view.placements(entity.ref)) claim(running, p.namespace, team.ref);
  }
  const holder = new Map<string, string>();
  const claimed = new Set<string>();
  for (const namespace of new Set([...named.keys(), ...running.keys()])) {
    const [by, claimants] = named.has(namespace)
      ? ['name it in steward.dev/namespaces', named.get(namespace) as Set<string>]
      : ['own what runs there', running.get(namespace) as Set<string>];
    for (const team of claimants) claimed.add(team);
    if (claimants.size === 1) {
      const held = [...claimants][0] as string;
      holder.set(namespace, held);
      for (const team of named.has(namespace) ? (running.get(namespace) ?? []) : []) {
        if (team === held) continue;
        claimed.add(team);
        notices.push({
          team,
          message: `namespace ${namespace}, where what ${team} owns runs, is ${held}'s (named in its ${catalogAnnotations.namespaces}): its guardrails are generated with ${held}'s`,
        });
      }
      continue;
    }
    const list = [...claimants].sort();
    for (const team of list)
      notices.push({
        team,
        message: `namespace ${namespace} is not generated: ${list.join(' and ')} each ${by}; name it in the ${catalogAnnotations.namespaces} annotation of one Group only`,
      });
  }
  return { holder, claimed } satisfies NamespaceHolders;
}

/** The namespaces a Group names in `steward.dev/namespaces` (comma- or space-separated). */
function groupNamespaces(group: CatalogEntity, notices: Notice[]): string[] {
  const written = annotationOf(group, catalogAnnotations.namespaces);
  if (written === undefined) return [];
  const out: string[] = [];
  for (const name of written.split(/[\s,]+/).filter((n) => n !== '')) {
    if (dnsLabel.test(name)) out.push(name);
    else
      notices.push({
        team: group.ref,
        message: `${group.ref}: ${catalogAnnotations.namespaces} names ${JSON.stringify(name)}, which is not a namespace name (lowercase letters, digits and -, at most 63); it is left out (${group.source.file}:${group.source.line})`,
      });
  }
  return out;
}

/**
 * A namespace's tier: the Group's `steward.dev/tier` if it has one, else the most critical tier among
 * what the team owns there, else the default.
 */
export function namespaceTier(
  view: CatalogView,
  team: CatalogEntity,
  namespace: string,
  defaultTier: Tier,
  notices: Notice[],
): TeamNamespace {
  const written = annotationOf(team, catalogAnnotations.tier);
  if (written !== undefined) {
    const tier = readTier(written);
    if (tier !== null) return { name: namespace, tier, tierFrom: `${team.ref} ${catalogAnnotations.tier}` };
    notices.push({
      team: team.ref,
      message: `${team.ref}: ${catalogAnnotations.tier} ${JSON.stringify(written)} is not a tier (1 to 4); its namespaces take their tier from what runs there (${team.source.file}:${team.source.line})`,
    });
  }
  let best: { tier: Tier; from: string } | null = null;
  for (const entity of view.ownedBy(team.ref)) {
    if (!view.placements(entity.ref).some((p) => p.namespace === namespace)) continue;
    const tier = view.tierOf(entity);
    if (
      tier !== null &&
      (best === null || tier < best.tier || (tier === best.tier && entity.ref < best.from))
    )
      best = { tier, from: entity.ref };
  }
  return best
    ? { name: namespace, tier: best.tier, tierFrom: best.from }
    : { name: namespace, tier: defaultTier, tierFrom: 'the default tier' };
}
