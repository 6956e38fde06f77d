// The catalog's model: validated entities with their owners, relations and source positions (what a
// store consumes), the problems validation reports, and the data a kind is declared with.

import type { YamlMap, YamlPosition } from '../../../platform/yaml/nodes.ts';

export type Severity = 'error' | 'warning';

/** A place in a catalog file: 1-based line and column. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

/**
 * Stable problem codes: tools and tests match on them, so they are only ever added to.
 * The schema codes: `missing-field` (a required key is absent; points at the mapping),
 * `unknown-field` (a key that is not allowed; points at the key), `invalid-type` and
 * `invalid-value` (point at the value).
 */
export type ProblemCode =
  | 'yaml-syntax'
  | 'duplicate-key'
  | 'not-utf8'
  | 'file-too-large'
  | 'unreadable-file'
  | 'path-escapes-root'
  | 'target-not-found'
  | 'invalid-document'
  | 'missing-field'
  | 'unknown-field'
  | 'invalid-type'
  | 'invalid-value'
  | 'invalid-api-version'
  | 'invalid-kind'
  | 'unknown-kind'
  | 'unsupported-kind'
  | 'invalid-name'
  | 'invalid-namespace'
  | 'invalid-label'
  | 'invalid-annotation'
  | 'invalid-tag'
  | 'invalid-link'
  /** A ref Backstage cannot read: an empty part, or no kind where the field has no default. */
  | 'invalid-ref'
  /** A ref Backstage reads but no entity can match: an e-mail address, a display name (a warning). */
  | 'nonstandard-ref'
  /** A ref to a kind the field does not usually point at, e.g. an owner that is a Component (a warning). */
  | 'unusual-ref-kind'
  | 'invalid-owners'
  | 'duplicate-entity'
  | 'dangling-ref'
  /**
   * A ref in a field whose target must exist (a schedule's members, a policy's notify targets) that
   * no entity has: an error, where a dangling ref elsewhere is a warning. Carries `target`.
   */
  | 'missing-target'
  /** Two items of a list that must differ by name, e.g. a schedule's layers. */
  | 'duplicate-name'
  | 'missing-annotation'
  | 'disallowed-lifecycle'
  | 'owner-not-group'
  | 'hierarchy-cycle'
  /** A NUL or a lone surrogate, in the file or written by an escape: nothing can store it. */
  | 'invalid-character'
  /** Mappings and lists nested past the limit (64 levels). */
  | 'too-deep'
  /** A Location target or a placeholder that is a URL to elsewhere: reported, never fetched. */
  | 'url-not-read';

export interface CatalogProblem extends SourcePosition {
  severity: Severity;
  /** The entity's ref (`component:default/payments`), or null when the problem is not in one entity. */
  entity: string | null;
  code: ProblemCode;
  /** What is wrong, and what would be right. */
  message: string;
  /** For a dangling ref: the ref it points at (elsewhere in the catalog, it may not dangle). */
  target?: string;
}

export interface EntityOwner {
  /** A full entity ref, e.g. `group:default/payments`. */
  ref: string;
  /** `primary` for exactly one owner (Backstage's `spec.owner` is the primary owner), else e.g. `secondary`. */
  role: string;
  position: SourcePosition;
}

export interface EntityRelation {
  /** e.g. `ownedBy`, `dependsOn`, or an inverse such as `ownerOf`. */
  type: string;
  targetRef: string;
  /** `declared` by a field of this entity; `inverse` of a relation another entity declared. */
  origin: 'declared' | 'inverse';
  /** Where the relation was written (for an inverse: in the other entity's file). */
  position: SourcePosition;
}

/** A validated entity: what the store keeps. Metadata and spec are the plain values, namespace defaulted. */
export interface CatalogEntity {
  /** `kind:namespace/name`, lower-cased as Backstage compares refs. */
  ref: string;
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
  metadata: Record<string, unknown>;
  spec: Record<string, unknown>;
  owners: EntityOwner[];
  relations: EntityRelation[];
  /** Where the entity's document starts, and which document of the file it is (0-based). */
  source: SourcePosition & { document: number };
  /** Loaded from the store: the repository its source is, and its file's path from that repository's top. */
  repository?: { name: string; file: string };
}

/** The subset of JSON Schema kinds are declared with; validation rejects a kind using anything else. */
export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'object' | 'array';

export interface JsonSchema {
  type?: JsonType | readonly JsonType[];
  properties?: Readonly<Record<string, JsonSchema>>;
  required?: readonly string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  enum?: readonly (string | number | boolean | null)[];
  const?: string | number | boolean | null;
  minLength?: number;
  maxLength?: number;
  /** RE2 syntax (not ECMAScript's, as JSON Schema has it), found anywhere in the value. */
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  /** One of the named checks in formats.ts (`url`, `entity-name`, `alert-matcher`, …). */
  format?: string;
  description?: string;
  title?: string;
  examples?: readonly unknown[];
  default?: unknown;
  /** Steward's extension: the problem code this schema's own checks report (default by keyword). */
  errorCode?: ProblemCode;
  /** Steward's extension: what a valid value looks like, used in the message instead of a generated one. */
  errorMessage?: string;
}

/** A field of a kind holding entity refs, and the relation each ref declares. */
export interface RelationField {
  /** Dotted path from the entity root; `[]` steps into each item of a list: `spec.owners[].ref`. A list at the end is a list of refs. */
  path: string;
  /** The path's keys, when a key holds a dot (an annotation such as `steward.dev/escalation-policy`); no lists. */
  keys?: readonly string[];
  /** The relation from this entity to the target, e.g. `ownedBy`. */
  relation: string;
  /** The relation computed on the target, e.g. `ownerOf`. */
  inverse: string;
  /** The kind a ref without `kind:` means; absent means the ref must name its kind. */
  defaultKind?: string;
  /**
   * The kinds a ref is expected to point at; absent means any. Another kind is a warning
   * (`unusual-ref-kind`) and the relation is still recorded: Backstage enforces no kind here.
   */
  allowedKinds?: readonly string[];
  /** Following this relation (or its inverse) must never lead back to where it started: a hierarchy. */
  acyclic?: boolean;
  /**
   * The target must be in the catalog: a ref to nothing is the error `missing-target`, not the
   * warning `dangling-ref` (a rota naming someone who is not there would page nobody). Offline the
   * set read is the catalog; a server asks every source (`problem-store.ts`).
   */
  mustExist?: boolean;
}

export interface KindDefinition {
  /** apiVersions this definition reads, e.g. `backstage.io/v1alpha1`. */
  apiVersions: readonly string[];
  kind: string;
  description: string;
  /** JSON Schema for `spec`. */
  spec: JsonSchema;
  relations: readonly RelationField[];
  /**
   * Where the owners are: a path to one ref (the primary owner, as Backstage's `spec.owner`) or to a
   * list of `{ref, role}` with exactly one `role: primary`.
   */
  owners?: string;
  /** Set for kinds read but not checked beyond the envelope; the text is the warning they get. */
  unsupported?: string;
  /**
   * Read instead of the kind's general definition when `spec.type` is this value, as Backstage's
   * spec types are (an API of type `mcp-server`, an AiResource of type `skill`).
   */
  specType?: string;
  /** Checks of the spec beyond what its schema can say (e.g. names unique within a list). */
  checkSpec?: (spec: YamlMap, report: (at: YamlPosition, code: ProblemCode, message: string) => void) => void;
}

export interface RuleSetting {
  severity: Severity;
}

/** Organisation rules, from configuration; each is off unless given. */
export interface CatalogRules {
  /** Annotations every entity (of the listed kinds, or all) must carry. */
  requiredAnnotations?: RuleSetting & { keys: readonly string[]; kinds?: readonly string[] };
  /** The only values `spec.lifecycle` may take. */
  allowedLifecycles?: RuleSetting & { values: readonly string[] };
  /** Owners must be Groups, not Users. */
  ownerMustBeGroup?: RuleSetting;
}

export interface CatalogOptions {
  /** Kinds to read in addition to the built-in Backstage and Steward kinds. */
  kinds?: readonly KindDefinition[];
  rules?: CatalogRules;
  /** Files larger than this are refused with `file-too-large` (default 10 MiB). */
  maxFileBytes?: number;
  /** Which files of a directory hold entities, beyond catalog-info.yaml and what Locations name. */
  files?: FileSelection;
}

/** Globs relative to the directory read, e.g. `docs/entities/*.yaml` or `services/**` (all below). */
export interface FileSelection {
  /** More files to read. */
  include?: readonly string[];
  /** Files not to read, even if named catalog-info.yaml or included. */
  exclude?: readonly string[];
}

export const defaultMaxFileBytes = 10 * 1024 * 1024;
