// Who owns an entity and where to go for it: owners (primary first, linked to their teams), its
// links (runbook, dashboard, …), and where it is written (source, file:line).
import type { EntityDetail } from '../../api/catalog.ts';
import { Link } from '../../router.tsx';
import { Badge } from '../badge.tsx';
import { annotationsOf, webAddressIn } from './entity-annotations.tsx';
import { ownerHref } from './entity-refs.ts';
import { LinkIcon } from './link-icon.tsx';
import { sourceLocationOf } from './source-location.ts';
import { OwnerLink } from './team-names.tsx';

interface EntityLink {
  url: string;
  title?: string;
  type?: string;
  icon?: string;
}

export function EntityAbout({ detail }: { detail: EntityDetail }) {
  const owners = [...detail.owners].sort(
    (a, b) => Number(b.role === 'primary') - Number(a.role === 'primary'),
  );
  const links = linksOf(detail.entity);
  // An owner ref no entity answers to is shown as written, not linked to a page that does not exist.
  const unknown = new Set(
    detail.relations.outgoing.filter((r) => r.type === 'ownedBy' && !r.targetExists).map((r) => r.targetRef),
  );
  const isTeamOrPerson = detail.kind === 'group' || detail.kind === 'user';
  return (
    <section className="card" aria-labelledby="about-title">
      <h2 id="about-title" className="card__title card__title--plain">
        Ownership and links
      </h2>
      <dl className="details details--compact">
        {isTeamOrPerson && detail.namespace === 'default' && (
          <>
            <dt>{detail.kind === 'group' ? 'Team' : 'Person'}</dt>
            <dd>
              <Link href={ownerHref(detail.ref)}>{detail.kind === 'group' ? 'Team page' : 'Profile'}</Link>
            </dd>
          </>
        )}
        {!(isTeamOrPerson && owners.length === 0) && (
          <>
            <dt>{owners.length === 1 ? 'Owner' : 'Owners'}</dt>
            <dd>
              {owners.length === 0 ? (
                <Badge tone="danger">no owner</Badge>
              ) : (
                <ul className="owner-list">
                  {owners.map((owner) => (
                    <li key={owner.ref}>
                      {unknown.has(owner.ref) ? (
                        <span className="owner-list__name">{owner.ref}</span>
                      ) : (
                        <OwnerLink owner={owner.ref} className="owner-list__name" />
                      )}{' '}
                      <Badge tone={owner.role === 'primary' ? 'accent' : 'neutral'}>{owner.role}</Badge>
                      {unknown.has(owner.ref) && <Badge tone="danger">not in the catalog</Badge>}
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </>
        )}
        <dt>Links</dt>
        <dd>
          {links.length === 0 ? (
            <span className="muted">None</span>
          ) : (
            <ul className="link-list">
              {links.map((link) => (
                <li key={link.url}>
                  <LinkIcon icon={link.icon} type={link.type} />
                  <a href={link.url} target="_blank" rel="noreferrer">
                    {link.title ?? link.url}
                  </a>
                  {link.type && <span className="muted"> · {link.type}</span>}
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>Source</dt>
        <dd>
          <Link href="/catalog/sources">{detail.source.name}</Link>
          <SourceFile detail={detail} />
        </dd>
      </dl>
    </section>
  );
}

function SourceFile({ detail }: { detail: EntityDetail }) {
  const location = sourceLocationOf(detail);
  const code = codeLinkOf(detail.entity);
  return (
    <>
      {(detail.file || detail.source.kind === 'api') && (
        <div>
          {location.url ? (
            <a href={location.url} target="_blank" rel="noreferrer" className="location">
              <code>{location.text}</code>
            </a>
          ) : (
            <code className="location">{location.text}</code>
          )}
        </div>
      )}
      {code && (
        <div>
          <a href={code} target="_blank" rel="noreferrer">
            View the code
          </a>
        </div>
      )}
    </>
  );
}

/** Where the entity's code lives, as Backstage's view-url or source-location annotation says. */
function codeLinkOf(entity: Record<string, unknown>): string | null {
  const annotations = new Map(annotationsOf(entity));
  for (const key of ['backstage.io/view-url', 'backstage.io/source-location']) {
    const address = webAddressIn(annotations.get(key) ?? '');
    if (address) return address;
  }
  return null;
}

/**
 * metadata.links as written; anything without a web or mail address (`javascript:`, a bare word) is
 * left out rather than shown broken or run.
 */
export function linksOf(entity: Record<string, unknown>): EntityLink[] {
  const metadata = entity.metadata as { links?: unknown } | undefined;
  if (!Array.isArray(metadata?.links)) return [];
  return metadata.links.filter(
    (link): link is EntityLink =>
      typeof link === 'object' &&
      link !== null &&
      typeof link.url === 'string' &&
      /^(https?:\/\/|mailto:)/i.test(link.url),
  );
}
