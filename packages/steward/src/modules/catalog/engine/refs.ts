// Entity refs `[kind:][namespace/]name`, read exactly as Backstage's parseEntityRef reads them and
// compared the way it compares them: case-insensitively, as `kind:namespace/name` in lower case.
// Like Backstage, reading a ref does not hold its parts to the entity-name rules: `john@example.com`
// as an owner is a ref (to group:default/john@example.com), which `refPartProblems` points out.
import {
  isValidEntityName,
  isValidKind,
  isValidNamespace,
  kindRule,
  nameRule,
  namespaceRule,
} from './names.ts';
import { maxQuotedLength, quoteToken } from './quote-token.ts';

export const defaultNamespace = 'default';

export interface EntityName {
  kind: string;
  namespace: string;
  name: string;
}

export interface RefContext {
  /** The kind a ref without `kind:` means; absent means the ref must name it. */
  defaultKind?: string;
  /** The namespace a ref without `namespace/` means: the referring entity's. */
  defaultNamespace: string;
}

export type ParsedRef = { ok: true; ref: EntityName } | { ok: false; message: string };

/** Fails only where Backstage's parseEntityRef throws: an empty part, or no kind and no default. */
export function parseEntityRef(text: string, context: RefContext): ParsedRef {
  let colon = text.indexOf(':');
  const slash = text.indexOf('/');
  if (slash !== -1 && slash < colon) colon = -1;
  const kind = colon === -1 ? context.defaultKind : text.slice(0, colon);
  const namespace = slash === -1 ? context.defaultNamespace : text.slice(colon + 1, slash);
  const name = text.slice(Math.max(colon + 1, slash + 1));
  if (kind === '' || namespace === '' || name === '') {
    return fail(
      `${quoteToken(text)} is not an entity ref: write [kind:][namespace/]name, e.g. group:default/payments`,
    );
  }
  if (kind === undefined) {
    return fail(
      `${quoteToken(text)} must name the kind it points at: write kind:[namespace/]name, e.g. component:${text.length <= maxQuotedLength ? text : 'name'}`,
    );
  }
  return { ok: true, ref: { kind, namespace, name } };
}

/**
 * Parts of a parsed ref that no entity can have (entity kinds, namespaces and names are held to
 * Backstage's rules, refs are not): such a ref is kept as written but can never resolve. Each says
 * what the part is and what would be right; a part that is the whole text is not quoted again.
 */
export function refPartProblems(ref: EntityName, text?: string): string[] {
  const problems: string[] = [];
  if (!isValidKind(ref.kind)) problems.push(`its kind ${quoteToken(ref.kind)} is not a kind (${kindRule})`);
  if (!isValidNamespace(ref.namespace.toLowerCase())) {
    problems.push(`its namespace ${quoteToken(ref.namespace)} is not a namespace (${namespaceRule})`);
  }
  if (!isValidEntityName(ref.name)) {
    const which = ref.name === text ? 'it' : `its name ${quoteToken(ref.name)}`;
    problems.push(`${which} is not an entity name (${nameRule})`);
  }
  return problems;
}

/** The canonical form, as Backstage's stringifyEntityRef writes it: all three parts in lower case. */
export function stringifyEntityRef(ref: EntityName): string {
  return `${ref.kind}:${ref.namespace}/${ref.name}`.toLowerCase();
}

/** `a Group`, `a Group or User`, `an API`, `a User` (its U sounds as "you"). */
export function describeKinds(kinds: readonly string[]): string {
  const article = (kind: string) => (/^[AEIO]/i.test(kind) ? `an ${kind}` : `a ${kind}`);
  if (kinds.length <= 1) return article(kinds[0] ?? 'entity');
  return `${kinds.slice(0, -1).map(article).join(', ')} or ${kinds.at(-1)}`;
}

function fail(message: string): ParsedRef {
  return { ok: false, message };
}
