// Declaring an incident: title, severity (each with what it means) and the services affected. Opened
// from an alert's page (`?alert=ID`) it starts from the alert's summary and service, and attaches it.
import { type FormEvent, useState } from 'react';
import { type AlertDetail, fetchAlert } from '../../api/alerts.ts';
import { declareIncident, listSeverities, type Severity } from '../../api/incidents.ts';
import { useAction } from '../../api/use-action.ts';
import { useResource } from '../../api/use-resource.ts';
import { ServicePicker } from '../../components/incidents/service-picker.tsx';
import { SeverityChoice } from '../../components/incidents/severity-choice.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemMessage } from '../../components/problem-message.tsx';
import { ResourceView } from '../../components/resource-view.tsx';
import { usePageTitle } from '../../page-title.ts';
import { Link, navigate, useSearch } from '../../router.tsx';

export function DeclarePage() {
  const alertId = new URLSearchParams(useSearch()).get('alert') ?? '';
  const start = useResource(`declare:${alertId}`, async () => ({
    severities: await listSeverities(),
    alert: alertId ? await fetchAlert(alertId) : null,
  }));
  usePageTitle(['Declare', 'Incidents']);
  return (
    <>
      <PageHeader
        title="Declare an incident"
        subtitle="Say what is wrong, how bad it is, and what it hits. Roles and updates come next."
        crumbs={[{ href: '/incidents', label: 'Incidents' }]}
      />
      <ResourceView resource={start} label="the severities">
        {({ severities, alert }) => <DeclareForm severities={severities} alert={alert} />}
      </ResourceView>
    </>
  );
}

function DeclareForm({ severities, alert }: { severities: Severity[]; alert: AlertDetail | null }) {
  const [title, setTitle] = useState(alert?.summary ?? '');
  // From an alert, the second most severe: bad enough to gather people, not yet all hands.
  const [severity, setSeverity] = useState(alert ? (severities[1]?.name ?? '') : '');
  const [services, setServices] = useState<string[]>(alert?.service ? [alert.service] : []);
  const { busy, error, run } = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    run(async () => {
      const incident = await declareIncident({
        title: title.trim(),
        severity,
        services,
        ...(alert ? { alerts: [alert.id] } : {}),
      });
      navigate(`/incidents/${encodeURIComponent(incident.id)}`);
    });
  };
  return (
    <form className="card admin-form" onSubmit={submit} aria-label="Declare an incident">
      {error && <ProblemMessage error={error} />}
      {alert && (
        <p className="callout">
          Attaches the alert{' '}
          <Link href={`/alerts/${encodeURIComponent(alert.id)}`}>{alert.summary || alert.id}</Link>: its pages
          and acknowledgement go on the incident's timeline.
        </p>
      )}
      <label className="field">
        <span className="field__label">Title</span>
        <input
          required
          maxLength={200}
          placeholder='What is wrong, e.g. "Checkout fails for card payments"'
          value={title}
          onChange={(event) => setTitle(event.target.value)}
        />
      </label>
      <SeverityChoice severities={severities} value={severity} onChange={setSeverity} />
      <ServicePicker chosen={services} onChange={setServices} />
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? 'Declaring…' : 'Declare incident'}
      </button>
    </form>
  );
}
