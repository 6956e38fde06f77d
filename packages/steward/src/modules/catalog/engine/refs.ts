// Entity refs `[kind:][namespace/]name`, read the way Backstage's parseEntityRef reads them and
// compared the way it compares them: case-insensitively, as `kind:namespace/name` in lower case.
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
  /** Kinds the ref may point at; absent means any. */
  allowedKinds?: readonly string[];
}

export type ParsedRef = { ok: true; ref: EntityName } | { ok: false; message: string };

export function parseEntityRef(text: string, context: RefContext): ParsedRef {
  let colon = text.indexOf(':');
  const slash = text.indexOf('/');
  if (slash !== -1 && slash < colon) colon = -1;
  const kind = colon === -1 ? context.defaultKind : text.slice(0, colon);
  const namespace = slash === -1 ? context.defaultNamespace : text.slice(colon + 1, slash);
  const name = text.slice(Math.max(colon + 1, slash + 1));
  const example = 'e.g. group:default/payments';
  if (kind === '' || namespace === '' || name === '') {
    return fail(`${quoteToken(text)} is not an entity ref: write [kind:][namespace/]name, ${example}`);
  }
  if (kind === undefined) {
    return fail(
      `${quoteToken(text)} must name the kind it points at: write kind:[namespace/]name, e.g. component:${text.length <= maxQuotedLength ? text : 'name'}`,
    );
  }
  const quoted = quoteToken(text);
  if (!isValidKind(kind)) return fail(`${quoted} has an invalid kind ${quoteToken(kind)}: ${kindRule}`);
  if (!isValidNamespace(namespace)) {
    return fail(`${quoted} has an invalid namespace ${quoteToken(namespace)}: ${namespaceRule}`);
  }
  if (!isValidEntityName(name)) return fail(`${quoted} has an invalid name ${quoteToken(name)}: ${nameRule}`);
  const allowed = context.allowedKinds;
  if (allowed && !allowed.some((k) => k.toLowerCase() === kind.toLowerCase())) {
    return fail(`${quoted} points at a ${kind}; it must point at ${describeKinds(allowed)}`);
  }
  return { ok: true, ref: { kind, namespace, name } };
}

export function stringifyEntityRef(ref: EntityName): string {
  return `${ref.kind}:${ref.namespace}/${ref.name}`.toLowerCase();
}

/** `a Group`, `a Group or User`, `an API`. */
export function describeKinds(kinds: readonly string[]): string {
  const article = (kind: string) => (/^[AEIOU]/i.test(kind) ? `an ${kind}` : `a ${kind}`);
  if (kinds.length <= 1) return article(kinds[0] ?? 'entity');
  return `${kinds.slice(0, -1).map(article).join(', ')} or ${kinds.at(-1)}`;
}

function fail(message: string): ParsedRef {
  return { ok: false, message };
}
