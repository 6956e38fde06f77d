// Every SLO in the catalog, with its service and owning team: where a responder starts when asked
// "which promises do we keep, and whose are they?". Each links to its budget and burn-down.
import { listSlos } from '../../api/slos.ts';
import { useResource } from '../../api/use-resource.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ResourceView } from '../../components/resource-view.tsx';
import { SloTable } from '../../components/slo/slo-table.tsx';
import { useReloadOnCatalogChange } from '../../live/live-reload.ts';
import { usePageTitle } from '../../page-title.ts';

export function SlosPage() {
  const slos = useResource('slos', () => listSlos());
  useReloadOnCatalogChange(slos.reload);
  usePageTitle(['SLOs']);
  return (
    <>
      <PageHeader
        title="SLOs"
        subtitle="Service level objectives attached to the catalog's services, and the teams that own them."
      />
      <ResourceView resource={slos} label="the SLOs">
        {(items) =>
          items.length === 0 ? (
            <p className="empty">
              No SLOs yet: attach a Sloth or OpenSLO spec to a service with the annotation
              steward.dev/slo-spec.
            </p>
          ) : (
            <SloTable slos={items} label="SLOs" />
          )
        }
      </ResourceView>
    </>
  );
}
