// Label selectors filed for quick lookup, so cross-file checks stay linear over thousands of files:
// a selector is filed under one of its matchLabels pairs (a label the pods must carry) within its
// namespace; one without matchLabels (empty, or expressions only) is checked against every pod there.
import { type Selector, selects } from './selector.ts';

export class SelectorIndex {
  private readonly keyed = new Map<string, Selector[]>();
  private readonly unkeyed = new Map<string, Selector[]>();

  add(namespace: string | null, selector: Selector): void {
    const first = Object.entries(selector.labels)[0];
    const key = first ? `${namespace}\u0000${first[0]}=${first[1]}` : `${namespace}`;
    const into = first ? this.keyed : this.unkeyed;
    const list = into.get(key);
    if (list) list.push(selector);
    else into.set(key, [selector]);
  }

  /** Whether any selector of the namespace selects pods with these labels. */
  anySelects(namespace: string | null, labels: Record<string, string>): boolean {
    if (this.unkeyed.get(`${namespace}`)?.some((s) => selects(s, labels))) return true;
    for (const key in labels) {
      const list = this.keyed.get(`${namespace}\u0000${key}=${labels[key]}`);
      if (list?.some((s) => selects(s, labels))) return true;
    }
    return false;
  }
}

/** Pods' label sets filed by each of their labels, to find those a Service's selector matches. */
export class PodLabelIndex {
  private readonly byLabel = new Map<string, Record<string, string>[]>();

  add(namespace: string | null, labels: Record<string, string>): void {
    for (const key in labels) {
      const bucket = `${namespace}\u0000${key}=${labels[key]}`;
      const list = this.byLabel.get(bucket);
      if (list) list.push(labels);
      else this.byLabel.set(bucket, [labels]);
    }
  }

  /** Whether some pod of the namespace carries every label of `wanted` (a non-empty selector). */
  anyMatches(namespace: string | null, wanted: Selector): boolean {
    const first = Object.entries(wanted.labels)[0];
    if (!first) return false;
    const candidates = this.byLabel.get(`${namespace}\u0000${first[0]}=${first[1]}`) ?? [];
    return candidates.some((labels) => selects(wanted, labels));
  }
}
