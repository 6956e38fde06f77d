// Catalog refs as links people follow: a person to their page, a schedule to its timeline, anything
// else to its catalog page; the default namespace is left out of what is shown.
import { schedulePagePath } from '../../api/oncall.ts';
import { Link } from '../../router.tsx';

interface Parsed {
  kind: string;
  namespace: string;
  name: string;
}

export function parseRef(ref: string): Parsed {
  const colon = ref.indexOf(':');
  const kind = colon < 0 ? '' : ref.slice(0, colon);
  const body = colon < 0 ? ref : ref.slice(colon + 1);
  const slash = body.indexOf('/');
  return slash < 0
    ? { kind, namespace: 'default', name: body }
    : { kind, namespace: body.slice(0, slash), name: body.slice(slash + 1) };
}

/** `alice` for user:default/alice, `other/alice` elsewhere. */
export function shortRef(ref: string): string {
  const { namespace, name } = parseRef(ref);
  return namespace === 'default' ? name : `${namespace}/${name}`;
}

/** Where the portal shows the thing a ref names. */
export function refHref(ref: string): string {
  const { kind, namespace, name } = parseRef(ref);
  if (kind === 'user' && namespace === 'default') return `/people/${encodeURIComponent(name)}`;
  if (kind === 'group' && namespace === 'default') return `/teams/${encodeURIComponent(name)}`;
  if (kind === 'schedule') return schedulePagePath(ref);
  const seg = encodeURIComponent;
  return `/catalog/${seg(kind || 'component')}/${seg(namespace)}/${seg(name)}`;
}

export function RefLink({ entityRef }: { entityRef: string | null }) {
  if (!entityRef) return <span className="muted">none</span>;
  return <Link href={refHref(entityRef)}>{shortRef(entityRef)}</Link>;
}

/** The schedule page of a schedule the list answered. */
export const schedulePathOf = (schedule: { namespace: string; name: string }) =>
  `/oncall/schedules/${encodeURIComponent(schedule.namespace)}/${encodeURIComponent(schedule.name)}`;
