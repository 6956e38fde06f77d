// Who owns a Kubernetes object: the steward selector or Backstage annotation that matches its
// namespace and labels, the most specific winning (a steward selector before an annotation of the
// same specificity), else a component named by its app labels or its own name.
import type { WhoOwnsAnswer } from '../schemas.ts';
import type { KubernetesClaim } from './claims.ts';
import { conventionMatches, type NamedBy } from './conventions.ts';
import { answerFromMatches, type Match, where } from './decide.ts';
import { selectorMatches } from './label-selector.ts';
import { claimsFor, type OwnershipIndex } from './ownership-index.ts';
import type { Thing } from './thing.ts';

type KubernetesThing = Extract<Thing, { kind: 'kubernetes' }>;

/** Labels that conventionally carry the application's name, strongest first. */
const nameLabels = ['app.kubernetes.io/name', 'app'];

export function resolveKubernetes(thing: KubernetesThing, index: OwnershipIndex): WhoOwnsAnswer {
  const keys = Object.entries(thing.labels).map(([key, value]) => `${key}=${value}`);
  const matches: Match[] = claimsFor(index.kubernetes, keys)
    .filter((claim) => claimMatches(claim, thing))
    .map(explicitMatch);
  matches.push(...conventionMatches(index, conventionNames(thing), index.selecting.kubernetes));
  const object = `${thing.objectKind}/${thing.namespace === null ? '' : `${thing.namespace}/`}${thing.name}`;
  const labelHint =
    Object.keys(thing.labels).length === 0
      ? `; give its labels to match selectors: k8s:${object}{app.kubernetes.io/name=…}`
      : '';
  const nothing = `No Kubernetes selector or annotation in the catalog matches ${object}, and no component is named after it or its app labels${labelHint}.`;
  return answerFromMatches({ thing: thing.text, kind: 'kubernetes' }, matches, index, nothing);
}

function claimMatches(claim: KubernetesClaim, thing: KubernetesThing): boolean {
  if (claim.namespace !== null && claim.namespace !== thing.namespace) return false;
  return selectorMatches(claim.requirements, thing.labels);
}

function explicitMatch(claim: KubernetesClaim): Match {
  const constraints = claim.requirements.length + (claim.namespace === null ? 0 : 1);
  const bySelector = claim.source === 'selector';
  const what = bySelector ? 'a steward selector' : 'a Backstage annotation';
  const provenance = claim.provenance;
  return {
    entity: claim.entity,
    provenance,
    rank: [2, constraints, bySelector ? 2 : 1],
    strength: `${what} with ${constraints} constraint${constraints === 1 ? '' : 's'}`,
    how: `${provenance.rule} of ${claim.entity.ref} (${where(provenance)}) matches it`,
  };
}

function conventionNames(thing: KubernetesThing): NamedBy[] {
  const names: NamedBy[] = [];
  for (const [i, label] of nameLabels.entries()) {
    const value = thing.labels[label];
    if (value) names.push({ carrier: `label ${label}=${value}`, value, priority: nameLabels.length + 1 - i });
  }
  names.push({ carrier: `object name ${thing.name}`, value: thing.name, priority: 1 });
  return names;
}
