// What the scorecard engine reads and answers. Pure data: the service gathers the facts (catalog,
// on-call, SLOs, scan findings), the engine judges them; nothing here reads a file or the database.
import type { CatalogEntity, ScorecardCheckName } from '../../catalog/index.ts';

export type CheckName = ScorecardCheckName;
export type FindingSeverity = 'info' | 'low' | 'medium' | 'high' | 'critical';

export interface ScorecardRule {
  /** Unique in its scorecard: what results and campaigns name. */
  id: string;
  check: CheckName;
  params: Record<string, string | number | boolean>;
  /** One of the scorecard's levels. */
  level: string;
  /** At least 1; the rule's share of the score. */
  weight: number;
  title: string;
  /** The next step shown beside the rule when it fails. */
  howToFix: string;
}

export interface AppliesTo {
  /** Lower-case kinds, e.g. `component`, `service`. */
  kinds: string[];
  /** `spec.type` values; absent, any. */
  types?: string[];
  lifecycles?: string[];
  tiers?: number[];
}

export interface Scorecard {
  /** What the API calls it: the entity's name (`namespace/name` outside the default namespace). */
  name: string;
  /** The Scorecard entity's ref; null for the built-in one. */
  ref: string | null;
  title: string;
  description: string;
  /** The Group running it (its members may run its campaigns); null when none. */
  owner: string | null;
  appliesTo: AppliesTo;
  /** Lowest first. */
  levels: string[];
  rules: ScorecardRule[];
}

/** A scan finding that is still open, attributed to an entity. */
export interface ScanFinding {
  ruleId: string;
  severity: FindingSeverity;
  /** What it is about: a resource or a file. */
  target: string;
  exempted: boolean;
}

/** Everything the checks know of one entity. */
export interface EntityFacts {
  entity: CatalogEntity;
  /** Its primary owner, if that owner is an entity of the catalog. */
  ownerInCatalog: boolean;
  /** The escalation policy an alert for it would follow, and each hop of that route. */
  policy: { ref: string | null; hops: string[] };
  /** The ids of its SLOs. */
  slos: string[];
  /** Open scan findings attributed to it. */
  findings: ScanFinding[];
}

export interface CheckResult {
  pass: boolean;
  /** Why, in a sentence a person reads: what was found, or what was looked for. */
  evidence: string;
}

export interface RuleResult extends CheckResult {
  id: string;
  title: string;
  check: CheckName;
  level: string;
  weight: number;
  howToFix: string;
}

export interface EntityResult {
  entity: string;
  kind: string;
  name: string;
  title: string | null;
  /** Primary owner ref, null when none. */
  owner: string | null;
  system: string | null;
  domain: string | null;
  /** The highest level whose rules, and those of every level below, all pass; null for none. */
  level: string | null;
  /** The level above `level`; null at the top. */
  nextLevel: string | null;
  /** Weighted percent of passing rules, to one decimal. */
  score: number;
  rules: RuleResult[];
}
