// An incident's postmortem, edited in the portal and exported as Markdown.
import { fetchIncident, fetchPostmortem } from '../../api/incidents.ts';
import { useResource } from '../../api/use-resource.ts';
import { PostmortemEditor } from '../../components/incidents/postmortem-editor.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ResourceView } from '../../components/resource-view.tsx';
import { usePageTitle } from '../../page-title.ts';

export function PostmortemPage({ id }: { id: string }) {
  const loaded = useResource(`postmortem:${id}`, async () => ({
    incident: await fetchIncident(id),
    postmortem: await fetchPostmortem(id),
  }));
  const title = loaded.data?.incident.title ?? id;
  usePageTitle(['Postmortem', title]);
  return (
    <ResourceView resource={loaded} label="the postmortem">
      {({ incident, postmortem }) => (
        <>
          <PageHeader
            title={`Postmortem: ${incident.title}`}
            subtitle="What happened, what it did, and what will stop it happening again."
            crumbs={[
              { href: '/incidents', label: 'Incidents' },
              { href: `/incidents/${encodeURIComponent(id)}`, label: incident.title },
            ]}
          />
          <PostmortemEditor initial={postmortem} />
        </>
      )}
    </ResourceView>
  );
}
