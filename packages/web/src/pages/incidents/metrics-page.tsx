// Response metrics of a team or a service over a period (the last 30 days unless the link says
// otherwise): time to acknowledge, mitigate and resolve, incidents by severity, and the on-call load.
import { type FormEvent, useId, useMemo, useState } from 'react';
import { fetchMetrics, listSeverities, type Metrics, type MetricsQuery } from '../../api/incidents.ts';
import { useResource } from '../../api/use-resource.ts';
import { BarChart } from '../../components/incidents/bar-chart.tsx';
import {
  onCallLoadChart,
  responseTimesChart,
  severityChart,
} from '../../components/incidents/metrics-charts.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ResourceView } from '../../components/resource-view.tsx';
import { formatDate } from '../../components/time-format.ts';
import { usePageTitle } from '../../page-title.ts';
import { navigate, useSearch } from '../../router.tsx';
import { useSession } from '../../session/session-context.tsx';

export function MetricsPage() {
  const { user } = useSession();
  const params = new URLSearchParams(useSearch());
  const query: MetricsQuery = {
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    ...(params.get('service')
      ? { service: params.get('service') ?? '' }
      : { team: params.get('team') ?? user.teams[0] ?? '' }),
  };
  const key = JSON.stringify(query);
  const chosen = Boolean(query.team || query.service);
  const metrics = useResource(`metrics:${key}`, () => (chosen ? fetchMetrics(query) : Promise.resolve(null)));
  usePageTitle(['Response metrics', 'Incidents']);
  const apply = (next: MetricsQuery) => {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(next)) if (value) search.set(name, value);
    navigate(`/incidents/metrics?${search}`, { keepScroll: true });
  };
  return (
    <>
      <PageHeader
        title="Response metrics"
        subtitle="How fast incidents are acknowledged, mitigated and resolved, and how heavy on call is."
        crumbs={[{ href: '/incidents', label: 'Incidents' }]}
      />
      <MetricsForm key={key} query={query} onApply={apply} />
      <ResourceView resource={metrics} label="the metrics">
        {(answer) =>
          answer ? (
            <MetricsView metrics={answer} />
          ) : (
            <p className="empty card">Choose a team or a service.</p>
          )
        }
      </ResourceView>
    </>
  );
}

function MetricsView({ metrics }: { metrics: Metrics }) {
  const severities = useResource('severities', listSeverities);
  const names = useMemo(() => (severities.data ?? []).map((s) => s.name), [severities.data]);
  const charts = useMemo(
    () => [responseTimesChart(metrics), severityChart(metrics, names), onCallLoadChart(metrics)],
    [metrics, names],
  );
  const outside = metrics.onCall.outsideHours;
  return (
    <>
      <section className="card" aria-label="In short">
        <p>
          {metrics.incidents} incident{metrics.incidents === 1 ? '' : 's'} between {formatDate(metrics.from)}{' '}
          and {formatDate(metrics.to)}; {metrics.onCall.pages} page{metrics.onCall.pages === 1 ? '' : 's'}{' '}
          over {metrics.onCall.weeks} weeks, <strong>{Math.round(outside.share * 100)} %</strong> of them (
          {outside.count}) outside working hours.
        </p>
      </section>
      <div className="charts">
        {charts.map((chart) => (
          <BarChart key={chart.title} data={chart} />
        ))}
      </div>
    </>
  );
}

function MetricsForm({ query, onApply }: { query: MetricsQuery; onApply: (next: MetricsQuery) => void }) {
  const id = useId();
  const [scope, setScope] = useState<'team' | 'service'>(query.service ? 'service' : 'team');
  const [name, setName] = useState(query.service ?? query.team ?? '');
  const [from, setFrom] = useState(query.from ?? '');
  const [to, setTo] = useState(query.to ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({ [scope]: name.trim(), from, to });
  };
  return (
    <form className="card audit-filters" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card__title">
        Whose response, and when
      </h2>
      <div className="audit-filters__fields">
        <div className="field">
          <label className="field__label" htmlFor={`${id}-scope`}>
            Of a
          </label>
          <select
            id={`${id}-scope`}
            value={scope}
            onChange={(e) => setScope(e.target.value as 'team' | 'service')}
          >
            <option value="team">team</option>
            <option value="service">service</option>
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-name`}>
            Name
          </label>
          <input
            id={`${id}-name`}
            required
            value={name}
            placeholder={scope === 'team' ? 'e.g. payments' : 'e.g. checkout-api'}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-from`}>
            From
          </label>
          <input id={`${id}-from`} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-to`}>
            To
          </label>
          <input id={`${id}-to`} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
      </div>
      <div className="audit-filters__actions">
        <button type="submit" className="button button--primary">
          Show
        </button>
      </div>
    </form>
  );
}
