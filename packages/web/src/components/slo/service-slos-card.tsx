// A service's SLOs on its page: each with its objective, the error budget left and the burn-down.
// A service with none says so quietly; the card is left out for kinds that cannot have SLOs.
import { fetchSlo, listSlos, type SloDetail } from '../../api/slos.ts';
import { useResource } from '../../api/use-resource.ts';
import { Link } from '../../router.tsx';
import { useReloadOnTopic } from '../alerts/use-live-reload.ts';
import { ProblemMessage } from '../problem-message.tsx';
import { SloStatusView } from './slo-status-view.tsx';

const everyMinute = 60_000;

async function loadServiceSlos(service: string): Promise<SloDetail[]> {
  const slos = await listSlos({ service });
  return Promise.all(slos.map((slo) => fetchSlo(slo.id)));
}

export function ServiceSlosCard({ service, label }: { service: string; label: string }) {
  const slos = useResource(`slos:${service}`, () => loadServiceSlos(service));
  useReloadOnTopic('alerts', slos.reload, everyMinute);
  return (
    <section className="card" aria-labelledby="service-slos">
      <h2 id="service-slos" className="card__title">
        Service level objectives
      </h2>
      {slos.state === 'loading' && <p className="loading">Loading the SLOs…</p>}
      {slos.state === 'failed' && <ProblemMessage error={slos.error} onRetry={slos.reload} />}
      {slos.state === 'ready' && slos.data.length === 0 && (
        <p className="empty">
          {label} has no SLO: attach a Sloth or OpenSLO spec with the annotation steward.dev/slo-spec.
        </p>
      )}
      {slos.state === 'ready' &&
        slos.data.map((slo) => (
          <article key={slo.id} className="slo-summary" aria-labelledby={`slo-${slo.id}`}>
            <h3 id={`slo-${slo.id}`} className="slo-summary__title">
              <Link href={`/slos/${encodeURIComponent(slo.id)}`}>{slo.name}</Link>{' '}
              <span className="muted">
                {slo.objective}% over {slo.period}
              </span>
            </h3>
            <SloStatusView status={slo.status} label={slo.name} />
          </article>
        ))}
    </section>
  );
}
