// The owner card: who owns this entity and how to reach them — the team, its e-mail, its leads.
import type { EntityDetail } from '../../api/catalog.ts';
import { useResource } from '../../api/use-resource.ts';
import { useReloadOnCatalogChange } from '../../live/live-reload.ts';
import { Link } from '../../router.tsx';
import { Avatar } from '../avatar.tsx';
import { ResourceView } from '../resource-view.tsx';
import { ownerHref } from './entity-refs.ts';
import { loadOwnerContact, type OwnerContact } from './owner-contact.ts';

export function OwnerCard({ detail }: { detail: EntityDetail }) {
  const owner = detail.owner;
  if (!owner) return null;
  return <OwnerContactCard ownerRef={owner} />;
}

function OwnerContactCard({ ownerRef }: { ownerRef: string }) {
  const contact = useResource(`owner:${ownerRef}`, () => loadOwnerContact(ownerRef));
  useReloadOnCatalogChange(contact.reload);
  return (
    <section className="card" aria-labelledby="owner-title">
      <h2 id="owner-title" className="card__title card__title--plain">
        Owner
      </h2>
      <ResourceView resource={contact} label="the owner">
        {(found) => <OwnerDetails contact={found} />}
      </ResourceView>
    </section>
  );
}

function OwnerDetails({ contact }: { contact: OwnerContact }) {
  if (contact.displayName === null) {
    return (
      <p>
        <code>{contact.ref}</code>, not in this catalog: no team page or contact to show.
      </p>
    );
  }
  return (
    <dl className="details details--compact">
      <dt>{contact.kind === 'group' ? 'Team' : contact.kind === 'user' ? 'Person' : 'Owner'}</dt>
      <dd>
        <Link href={ownerHref(contact.ref)}>{contact.displayName}</Link>
      </dd>
      <dt>Contact</dt>
      <dd>
        {contact.email ? (
          <a href={`mailto:${contact.email}`}>{contact.email}</a>
        ) : (
          <span className="muted">No e-mail in spec.profile</span>
        )}
      </dd>
      {contact.kind === 'group' && (
        <>
          <dt>{contact.leads.length === 1 ? 'Lead' : 'Leads'}</dt>
          <dd>
            {contact.leads.length === 0 ? (
              <span className="muted">No lead named</span>
            ) : (
              <ul className="owner-leads">
                {contact.leads.map((lead) => (
                  <li key={lead.handle} className="owner-leads__item">
                    <Avatar handle={lead.handle} name={lead.name} size="sm" />
                    <Link href={`/people/${encodeURIComponent(lead.handle)}`}>{lead.name}</Link>
                    {lead.email && (
                      <a href={`mailto:${lead.email}`} className="muted">
                        {lead.email}
                      </a>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </>
      )}
    </dl>
  );
}
