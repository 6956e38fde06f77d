// Who owns an alert: the component whose `spec.selectors.alerts.matchers` all match its labels (as
// Alertmanager matches: a missing label is the empty string, regexes anchored), the one with most
// matchers winning; else, weaker, a component named by the alert's sloth_service (an SLO burn alert),
// service, app or job label.
import type { WhoOwnsAnswer } from '../schemas.ts';
import type { AlertClaim } from './claims.ts';
import { conventionMatches, type NamedBy } from './conventions.ts';
import { answerFromMatches, type Match, where } from './decide.ts';
import type { LabelSet } from './label-set.ts';
import { claimsFor, type OwnershipIndex } from './ownership-index.ts';
import type { Thing } from './thing.ts';

type AlertThing = Extract<Thing, { kind: 'alert' }>;

/** Labels that conventionally name the service an alert is about, strongest first. */
export const serviceLabels = ['sloth_service', 'service', 'app', 'job'];

export function resolveAlert(thing: AlertThing, index: OwnershipIndex): WhoOwnsAnswer {
  const keys = Object.entries(thing.labels).map(([label, value]) => `${label}=${value}`);
  const matches: Match[] = claimsFor(index.alerts, keys)
    .filter((claim) => alertMatches(claim, thing.labels))
    .map(explicitMatch);
  const names: NamedBy[] = [];
  for (const [i, label] of serviceLabels.entries()) {
    const value = thing.labels[label];
    if (value) names.push({ carrier: `label ${label}=${value}`, value, priority: serviceLabels.length - i });
  }
  matches.push(...conventionMatches(index, names, index.selecting.alerts));
  const labels = `{${Object.entries(thing.labels)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(',')}}`;
  const nothing = `No alert matcher in the catalog matches ${labels}, and no component is named by its sloth_service, service, app or job label.`;
  return answerFromMatches({ thing: thing.text, kind: 'alert' }, matches, index, nothing);
}

export function alertMatches(claim: AlertClaim, labels: LabelSet): boolean {
  return claim.matchers.every((matcher) => {
    const actual = Object.hasOwn(labels, matcher.label) ? (labels[matcher.label] as string) : '';
    if (matcher.operator === '=') return actual === matcher.value;
    if (matcher.operator === '!=') return actual !== matcher.value;
    const matches = matcher.regex?.matchesWhole(actual) ?? false;
    return matcher.operator === '=~' ? matches : !matches;
  });
}

function explicitMatch(claim: AlertClaim): Match {
  const count = claim.matchers.length;
  const equalities = claim.matchers.filter((m) => m.operator === '=').length;
  const provenance = claim.provenance;
  return {
    entity: claim.entity,
    provenance,
    rank: [2, count, equalities],
    strength: `a steward selector with ${count} matcher${count === 1 ? '' : 's'}`,
    how: `${provenance.rule} of ${claim.entity.ref} (${where(provenance)}) all match its labels`,
  };
}
