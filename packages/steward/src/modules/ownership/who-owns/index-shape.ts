// What the ownership index holds (ownership-index.ts builds it, index-entries.ts keeps it entity by
// entity, resolve*.ts read it): entities by ref and name, owners, CODEOWNERS files, and claims in buckets.
import type { CatalogEntity } from '../../catalog/index.ts';
import type { CodeownersFlavor, CodeownersMatcher } from '../codeowners/model.ts';
import type { AlertClaim, ClaimProblem, KubernetesClaim, LocationClaim, UrlClaim } from './claims.ts';
import type { NameLists } from './name-lists.ts';
import type { OwnerDirectory } from './owners.ts';

export interface CodeownersSource {
  /** The repository the file governs (`github.com/acme/monorepo`, any spelling), or null when unknown. */
  repository: string | null;
  /** The file as answers name it, e.g. `examples/acme/CODEOWNERS`. */
  file: string;
  text: string;
  flavor?: CodeownersFlavor;
}

export interface IndexedCodeowners {
  repository: string | null;
  file: string;
  matcher: CodeownersMatcher;
}

/** Claims filed under keys, plus those that no key narrows (checked for every question). */
export interface Buckets<T> {
  keyed: Map<string, T[]>;
  unkeyed: T[];
}

export interface OwnershipIndex {
  byRef: Map<string, CatalogEntity>;
  /** Lower-cased name → entities of any kind. */
  byName: NameLists;
  /** Lower-cased name → Components and Services, for the weak naming conventions. */
  componentsByName: NameLists;
  directory: OwnerDirectory;
  codeowners: IndexedCodeowners[];
  /** Every repository a source is or a CODEOWNERS file governs, as answers name it. */
  repositories: Set<string>;
  /** The repository a path means when the question names none: the only one known, else null. */
  defaultRepository: string | null;
  /** Keyed by `label=value` of one equality requirement. */
  kubernetes: Buckets<KubernetesClaim>;
  /** Keyed by `label=value` of one equality matcher. */
  alerts: Buckets<AlertClaim>;
  /** Label name → how many alert matchers name it: the labels that can change who owns an alert. */
  alertLabels: Map<string, number>;
  /** Keyed by exact host, or `*.suffix`; unkeyed: claims for any host. */
  urls: Buckets<UrlClaim>;
  /** Refs of entities with Kubernetes or alert selectors of their own: conventions never speak for them. */
  selecting: { kubernetes: Set<string>; alerts: Set<string> };
  /** Keyed by path inside the repository ('' for the root). */
  locations: Map<string, LocationClaim[]>;
  problems: ClaimProblem[];
  /** Bumped by every entity added or removed: answers remembered for an older version are stale. */
  version: number;
}
