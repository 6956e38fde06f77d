// Ownership: ask who owns anything (the question kept in the link, so an answer can be shared), and
// the orphans report: what has no valid owner, teams with no one in them, services with no runbook.
import { fetchOrphans } from '../api/catalog.ts';
import { useResource } from '../api/use-resource.ts';
import { OrphansReport } from '../components/ownership/orphans-report.tsx';
import { WhoOwnsBox } from '../components/ownership/who-owns-box.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ResourceView } from '../components/resource-view.tsx';
import { navigate, useSearch } from '../router.tsx';

export function OwnershipPage() {
  const asked = new URLSearchParams(useSearch()).get('thing') ?? '';
  const orphans = useResource('orphans', fetchOrphans);
  const ask = (thing: string) =>
    navigate(`/ownership?${new URLSearchParams({ thing })}`, { replace: asked === '', keepScroll: true });
  return (
    <>
      <PageHeader
        title="Ownership"
        subtitle="Who owns a service, a file, a Kubernetes object, an alert or a URL — and why Steward thinks so."
      />
      <WhoOwnsBox asked={asked} onAsk={ask} />
      <section aria-labelledby="orphans-title">
        <h2 id="orphans-title" className="section-title">
          Orphans
        </h2>
        <p className="section-intro">What the catalog knows but nobody clearly owns or can act on.</p>
        <ResourceView resource={orphans} label="the orphans report">
          {(report) => <OrphansReport orphans={report} />}
        </ResourceView>
      </section>
    </>
  );
}
