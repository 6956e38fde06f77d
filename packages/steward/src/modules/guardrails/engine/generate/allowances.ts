// The traffic declared dependencies imply once every namespace denies all by default: for each entity
// that runs somewhere and depends on another that runs somewhere (`dependsOn`, or `consumesApis`
// through the API's providers), an egress allowance beside the consumer and the matching ingress
// allowance beside the provider. A dependency whose namespace is unknown is reported, not guessed.
import type { CatalogEntity } from '../../../catalog/index.ts';
import type { CatalogView } from './catalog-view.ts';
import type { LabelSelector, Notice, Placement } from './model.ts';

/** One side of an allowance: the pods it applies to, and the peers they may talk to. */
export interface Allowance {
  direction: 'egress' | 'ingress';
  /** The entity whose pods the policy selects. */
  entity: CatalogEntity;
  at: Placement;
  peers: { entity: string; at: Placement }[];
}

export function dependencyAllowances(
  view: CatalogView,
  holder: ReadonlyMap<string, string>,
  notices: Notice[],
): Allowance[] {
  const sides = new Map<string, Allowance>();
  const side = (direction: Allowance['direction'], entity: CatalogEntity, at: Placement) => {
    const key = `${direction}\u0000${entity.ref}\u0000${at.key}`;
    let found = sides.get(key);
    if (!found) {
      found = { direction, entity, at, peers: [] };
      sides.set(key, found);
    }
    return found;
  };
  // What cannot be reached, said once per team and target with every consumer it blocks.
  const blocked = new Map<
    string,
    { team: string | null; target: string; via: string | null; known: boolean; consumers: string[] }
  >();
  for (const consumer of view.byRef.values()) {
    const from = view.placements(consumer.ref);
    if (from.length === 0) continue;
    const team = holder.get((from[0] as Placement).namespace) ?? view.ownerOf(consumer);
    for (const { target, via } of view.dependencies(consumer)) {
      if (target === consumer.ref) continue;
      const provider = view.byRef.get(target);
      const to = provider ? view.placements(target) : [];
      if (to.length === 0) {
        const key = `${team}\u0000${target}\u0000${via === target}`;
        const found = blocked.get(key) ?? { team, target, via, known: provider !== undefined, consumers: [] };
        if (!found.consumers.includes(consumer.ref)) found.consumers.push(consumer.ref);
        blocked.set(key, found);
        continue;
      }
      for (const a of from) {
        for (const b of to) {
          side('egress', consumer, a).peers.push({ entity: target, at: b });
          side('ingress', provider as CatalogEntity, b).peers.push({ entity: consumer.ref, at: a });
        }
      }
    }
  }
  for (const b of blocked.values()) notices.push({ team: b.team, message: unreachable(b) });
  return [...sides.values()];
}

function unreachable(b: { target: string; via: string | null; known: boolean; consumers: string[] }): string {
  const kept = `so the default deny keeps ${b.consumers.join(', ')} from reaching it`;
  if (b.via === b.target) return `no component in the catalog provides ${b.target} (providesApis), ${kept}`;
  if (!b.known) return `${b.target} is not in the catalog, ${kept}`;
  return `${b.target} has no namespace, ${kept}: give it backstage.io/kubernetes-namespace if it runs in the cluster, else allow that egress with a NetworkPolicy of your own`;
}

/** A NetworkPolicy peer: the namespace by its name label, and the pods by their labels. */
export function peerOf(at: Placement): { namespaceSelector: LabelSelector; podSelector: LabelSelector } {
  return {
    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': at.namespace } },
    podSelector: at.pods,
  };
}
