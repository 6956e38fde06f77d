// Entity refs (`kind:namespace/name`) as the portal reads and links them: a ref's parts, the page
// that shows it, and the short form people read (the namespace left out when it is the default).

export interface RefParts {
  kind: string;
  namespace: string;
  name: string;
}

/** Reads `kind:namespace/name`, `kind:name` or `name` (a Component, as the catalog assumes). */
export function parseRef(ref: string): RefParts {
  const colon = ref.indexOf(':');
  const kind = colon > 0 ? ref.slice(0, colon) : 'component';
  const rest = colon > 0 ? ref.slice(colon + 1) : ref;
  const slash = rest.indexOf('/');
  return {
    kind: kind.toLowerCase(),
    namespace: slash > 0 ? rest.slice(0, slash) : 'default',
    name: slash > 0 ? rest.slice(slash + 1) : rest,
  };
}

export function entityHref(ref: string | RefParts): string {
  const { kind, namespace, name } = typeof ref === 'string' ? parseRef(ref) : ref;
  return `/catalog/${encodeURIComponent(kind)}/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
}

/** Teams and people have pages of their own; other owners (and other namespaces) their entity page. */
export function ownerHref(ref: string): string {
  const { kind, namespace, name } = parseRef(ref);
  if (namespace === 'default' && kind === 'group') return `/teams/${encodeURIComponent(name)}`;
  if (namespace === 'default' && kind === 'user') return `/people/${encodeURIComponent(name)}`;
  return entityHref(ref);
}

/** `component:default/web` reads as `web` where the kind is already shown, else `component:web`. */
export function shortRef(ref: string, options: { withKind?: boolean } = {}): string {
  const { kind, namespace, name } = parseRef(ref);
  const local = namespace === 'default' ? name : `${namespace}/${name}`;
  return options.withKind ? `${kind}:${local}` : local;
}
