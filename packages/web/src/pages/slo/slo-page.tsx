// One SLO: what it promises, for which service and team, its error budget left and burn-down from
// Prometheus, where its spec is written, and the rules Prometheus should run for it.
import { fetchSlo, type SloDetail } from '../../api/slos.ts';
import { useResource } from '../../api/use-resource.ts';
import { useReloadOnTopic } from '../../components/alerts/use-live-reload.ts';
import { CodeBlock } from '../../components/code-block.tsx';
import { RefLink } from '../../components/oncall/ref-links.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ResourceView } from '../../components/resource-view.tsx';
import { SloStatusView } from '../../components/slo/slo-status-view.tsx';
import { usePageTitle } from '../../page-title.ts';

export function SloPage({ id }: { id: string }) {
  const slo = useResource(`slo:${id}`, () => fetchSlo(id));
  useReloadOnTopic('alerts', slo.reload, 60_000);
  usePageTitle([slo.data?.name ?? id, 'SLOs']);
  return (
    <ResourceView resource={slo} label="the SLO">
      {(found) => <SloDetails slo={found} />}
    </ResourceView>
  );
}

function SloDetails({ slo }: { slo: SloDetail }) {
  return (
    <>
      <PageHeader
        title={slo.name}
        subtitle={slo.description || `${slo.objective}% over ${slo.period}`}
        crumbs={[{ href: '/slos', label: 'SLOs' }]}
      />
      <div className="columns columns--even">
        <section className="card" aria-labelledby="slo-about">
          <h2 id="slo-about" className="card__title">
            About
          </h2>
          <dl className="details details--compact">
            <dt>Objective</dt>
            <dd>
              {slo.objective}% over {slo.period}
            </dd>
            <dt>Service</dt>
            <dd>
              <RefLink entityRef={slo.service} />
            </dd>
            <dt>Team</dt>
            <dd>
              <RefLink entityRef={slo.team} />
            </dd>
            <dt>Spec</dt>
            <dd>
              <code>
                {slo.file}:{slo.line}
              </code>{' '}
              ({slo.spec})
            </dd>
            <dt>Alerts carry</dt>
            <dd>
              <code>sloth_id="{slo.id}"</code>
            </dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="slo-status">
          <h2 id="slo-status" className="card__title">
            Error budget
          </h2>
          <SloStatusView status={slo.status} label={slo.name} />
        </section>
      </div>
      <CodeBlock label="Prometheus rules for this SLO" data-testid="slo-rules">
        <code>{slo.rules}</code>
      </CodeBlock>
    </>
  );
}
