// A team's or a service's open findings by severity, on its page, with links to the findings and to
// the exemptions. Nothing is shown where no uploaded scan has anything to say about it.
import { severities, summariseFindings } from '../../api/guardrails.ts';
import { useResource } from '../../api/use-resource.ts';
import { Link } from '../../router.tsx';
import { ProblemMessage } from '../problem-message.tsx';

interface FindingsCardProps {
  /** `{ team: 'payments' }` or `{ service: 'component:default/checkout' }`. */
  query: { team: string } | { service: string };
  label: string;
}

export function FindingsCard({ query, label }: FindingsCardProps) {
  const by = 'team' in query ? 'team' : 'service';
  const value = 'team' in query ? query.team : query.service;
  const summary = useResource(`guardrails:card:${by}=${value}`, () => summariseFindings(by, query));
  if (summary.state === 'failed') return <ProblemMessage error={summary.error} onRetry={summary.reload} />;
  if (summary.state !== 'ready' || summary.data.length === 0) return null;
  const row = summary.data[0];
  if (!row) return null;
  const search = `?${new URLSearchParams({ [by]: value })}`;
  return (
    <section className="card" aria-labelledby="guardrails-card-title">
      <h2 id="guardrails-card-title" className="card__title">
        Guardrails <span className="count">{row.open} open</span>
      </h2>
      <dl className="severity-counts" aria-label={`Open findings of ${label} by severity`}>
        {severities.map((severity) => (
          <div key={severity}>
            <dt>{severity}</dt>
            <dd>{row[severity]}</dd>
          </div>
        ))}
        <div>
          <dt>exempted</dt>
          <dd>{row.exempted}</dd>
        </div>
      </dl>
      <p>
        <Link href={`/guardrails${search}`}>Open findings of {label}</Link> ·{' '}
        <Link href={`/guardrails/exemptions${search}`}>its exemptions</Link>
      </p>
    </section>
  );
}
