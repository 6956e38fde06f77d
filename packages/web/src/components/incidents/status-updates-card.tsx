// Status updates: the audience-facing story (what customers and the company may read), when the next
// one is due, and a form that keeps the summary apart from an internal note for responders only.
import { type FormEvent, useId, useState } from 'react';
import { listStatusUpdates, postStatusUpdate } from '../../api/incidents.ts';
import { useAction } from '../../api/use-action.ts';
import { useResource } from '../../api/use-resource.ts';
import { useReloadOnTopic } from '../alerts/use-live-reload.ts';
import { ProblemMessage } from '../problem-message.tsx';
import { ResourceView } from '../resource-view.tsx';
import { formatAgo, formatDateTime } from '../time-format.ts';

export function StatusUpdatesCard({ incidentId }: { incidentId: string }) {
  const id = useId();
  const updates = useResource(`status-updates:${incidentId}`, () => listStatusUpdates(incidentId));
  useReloadOnTopic(`incident:${incidentId}`, updates.reload);
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card__title card__title--plain">
        Status updates
      </h2>
      <ResourceView resource={updates} label="the status updates">
        {({ items, nextUpdateAt }) => (
          <>
            {nextUpdateAt && (
              <p className={Date.parse(nextUpdateAt) < Date.now() ? 'callout' : 'muted'}>
                Next update due{' '}
                <time dateTime={nextUpdateAt} title={formatDateTime(nextUpdateAt)}>
                  {formatAgo(nextUpdateAt)}
                </time>
                .
              </p>
            )}
            {items.length === 0 ? (
              <p className="empty">No status update yet: the people affected have heard nothing.</p>
            ) : (
              <ol className="hops" aria-label="Status updates">
                {items.map((update) => (
                  <li key={update.id}>
                    <strong>{update.state}</strong> {update.summary}{' '}
                    <span className="muted">by {update.author}</span>{' '}
                    <time className="muted" dateTime={update.at}>
                      {formatDateTime(update.at)}
                    </time>
                  </li>
                ))}
              </ol>
            )}
          </>
        )}
      </ResourceView>
      <StatusUpdateForm incidentId={incidentId} onPosted={updates.reload} />
    </section>
  );
}

function StatusUpdateForm({ incidentId, onPosted }: { incidentId: string; onPosted: () => void }) {
  const [summary, setSummary] = useState('');
  const [internal, setInternal] = useState('');
  const { busy, error, run } = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    run(async () => {
      await postStatusUpdate(incidentId, {
        summary: summary.trim(),
        ...(internal.trim() ? { internal: internal.trim() } : {}),
      });
      setSummary('');
      setInternal('');
    }, onPosted);
  };
  return (
    <form className="admin-form" onSubmit={submit} aria-label="Post a status update">
      {error && <ProblemMessage error={error} />}
      <label className="field">
        <span className="field__label">Summary for the people affected</span>
        <textarea
          required
          rows={3}
          maxLength={5000}
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
        />
      </label>
      <label className="field">
        <span className="field__label">Internal note (responders only, optional)</span>
        <textarea
          rows={2}
          maxLength={10_000}
          value={internal}
          onChange={(e) => setInternal(e.target.value)}
        />
      </label>
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? 'Posting…' : 'Post update'}
      </button>
    </form>
  );
}
