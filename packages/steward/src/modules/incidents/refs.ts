// Refs people write, resolved as the rest of Steward resolves them: case-insensitive, kind and
// namespace optional (checkout → component:default/checkout, mia → user:default/mia).
import { invalid } from '../../platform/errors.ts';
import { type Catalog, parseEntityRef, stringifyEntityRef } from '../catalog/index.ts';

export function refOf(text: string, defaultKind: string, field: string): string {
  const parsed = parseEntityRef(text, { defaultKind, defaultNamespace: 'default' });
  if (!parsed.ok) throw invalid(`${field}: ${parsed.message}`, [{ field, message: parsed.message }]);
  return stringifyEntityRef(parsed.ref).toLowerCase();
}

/** The services as catalog refs, and their owning teams (primary owners, in the services' order). */
export async function resolveServices(
  catalog: Pick<Catalog, 'loadEntitiesByRef'>,
  texts: readonly string[],
  field: string,
): Promise<{ services: string[]; teams: string[] }> {
  const refs = texts.map((text, i) => refOf(text, 'component', `${field}.${i}`));
  const found = new Map((await catalog.loadEntitiesByRef(refs)).map((e) => [e.ref, e]));
  const problems = refs.flatMap((ref, i) =>
    found.has(ref)
      ? []
      : [
          {
            field: `${field}.${i}`,
            message: `${ref} is not in the catalog; name a service the catalog has (GET /api/v1/catalog/entities?kind=component lists them)`,
          },
        ],
  );
  if (problems.length > 0)
    throw invalid(problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
  const services = [...new Set(refs)];
  const teams = services.flatMap((ref) => {
    const owners = found.get(ref)?.owners ?? [];
    const primary = owners.find((o) => o.role === 'primary') ?? owners[0];
    return primary ? [primary.ref.toLowerCase()] : [];
  });
  return { services, teams: [...new Set(teams)] };
}

/** A person's ref (user:default/mia), checked against the people Steward knows. */
export async function personOf(
  hasPerson: (handle: string) => Promise<boolean>,
  text: string,
  field: string,
): Promise<string> {
  const ref = refOf(text, 'user', field);
  if (!ref.startsWith('user:')) {
    const message = `${text} is not a person; give a User ref such as user:mia`;
    throw invalid(`${field}: ${message}`, [{ field, message }]);
  }
  const handle = ref.slice(ref.indexOf('/') + 1);
  if (!(await hasPerson(handle))) {
    const message = `nobody called ${handle} uses Steward; GET /api/v1/users lists people`;
    throw invalid(`${field}: ${message}`, [{ field, message }]);
  }
  return ref;
}

export const handleOfRef = (ref: string) => ref.slice(ref.indexOf('/') + 1);
