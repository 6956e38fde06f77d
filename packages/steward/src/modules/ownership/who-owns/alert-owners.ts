// Who owns many alerts at once, as alert routing asks on every request. An alert's owner depends only
// on the labels some matcher in the catalog names and on the labels the naming conventions read
// (sloth_service, service, app, job): the question is those labels, and its answer is the one
// `who-owns 'alert:{those labels}'` gives. Alerts that differ only in other labels (instance, pod,
// the value) share one answer, remembered until the index changes.
import type { WhoOwnsAnswer } from '../schemas.ts';
import type { LabelSet } from './label-set.ts';
import type { OwnershipIndex } from './ownership-index.ts';
import { resolveAlert, serviceLabels } from './resolve-alert.ts';

export interface AlertOwnership {
  /** The question answered: `alert:{…}` with the labels that decide, as `steward who-owns` reads it. */
  thing: string;
  answer: WhoOwnsAnswer;
}

/** Answers remembered per index; a new version (an entity added or removed) starts afresh. */
interface Remembered {
  version: number;
  answers: Map<string, AlertOwnership>;
}

const remembered = new WeakMap<OwnershipIndex, Remembered>();
/** Distinct questions remembered at most: alerts labelled with something unique each (a request id
 * in a matcher-named label) must not grow memory without end. */
const rememberLimit = 10_000;

export function whoOwnsAlerts(labelSets: readonly LabelSet[], index: OwnershipIndex): AlertOwnership[] {
  let memo = remembered.get(index);
  if (!memo || memo.version !== index.version || memo.answers.size >= rememberLimit) {
    memo = { version: index.version, answers: new Map() };
    remembered.set(index, memo);
  }
  const answers = memo.answers;
  return labelSets.map((labels) => {
    const deciding = decidingLabels(labels, index);
    // No label that could decide: the answer is "nobody", said about the alert's own labels.
    if (deciding === null) return ask(labels, index);
    const thing = alertThing(deciding);
    let known = answers.get(thing);
    if (!known) {
      known = ask(deciding, index, thing);
      answers.set(thing, known);
    }
    return known;
  });
}

function ask(labels: LabelSet, index: OwnershipIndex, thing = alertThing(labels)): AlertOwnership {
  return { thing, answer: resolveAlert({ kind: 'alert', text: thing, labels }, index) };
}

/** The alert's labels that a matcher or a naming convention reads; null when it has none of them. */
function decidingLabels(labels: LabelSet, index: OwnershipIndex): LabelSet | null {
  let deciding: LabelSet | null = null;
  for (const name of Object.keys(labels)) {
    if (!index.alertLabels.has(name) && !serviceLabels.includes(name)) continue;
    deciding ??= Object.create(null) as LabelSet;
    deciding[name] = labels[name] as string;
  }
  return deciding;
}

/** Prometheus' own label-set syntax, names sorted, as `steward who-owns` reads it. */
export function alertThing(labels: LabelSet): string {
  const pairs = Object.keys(labels)
    .sort()
    .map((name) => `${name}=${JSON.stringify(labels[name])}`);
  return `alert:{${pairs.join(',')}}`;
}
