// An incident's follow-ups: action items with an owner and a due date, soonest due first, overdue
// ones marked; add one, or tick it done (and untick it if that was a mistake).
import { type FormEvent, useId, useState } from 'react';
import { addFollowUp, type FollowUp, listFollowUps, setFollowUpDone } from '../../api/incidents.ts';
import { useAction } from '../../api/use-action.ts';
import { useResource } from '../../api/use-resource.ts';
import { useReloadOnTopic } from '../alerts/use-live-reload.ts';
import { Badge } from '../badge.tsx';
import { RefLink } from '../oncall/ref-links.tsx';
import { ProblemMessage } from '../problem-message.tsx';
import { ResourceView } from '../resource-view.tsx';
import { formatDate } from '../time-format.ts';

export function FollowUpsCard({ incidentId }: { incidentId: string }) {
  const id = useId();
  const followUps = useResource(`follow-ups:${incidentId}`, () => listFollowUps(incidentId));
  useReloadOnTopic(`incident:${incidentId}`, followUps.reload);
  const { busy, error, run } = useAction();
  const toggle = (item: FollowUp) =>
    run(() => setFollowUpDone(incidentId, item.id, !item.done), followUps.reload);
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card__title card__title--plain">
        Follow-ups
      </h2>
      {error && <ProblemMessage error={error} />}
      <ResourceView resource={followUps} label="the follow-ups">
        {(items) =>
          items.length === 0 ? (
            <p className="empty">No follow-up yet: what would stop this from happening again?</p>
          ) : (
            <ul className="follow-ups" aria-label="Follow-ups">
              {items.map((item) => (
                <li key={item.id} className="follow-ups__item">
                  <label className="checkbox">
                    <input
                      type="checkbox"
                      checked={item.done}
                      disabled={busy}
                      onChange={() => toggle(item)}
                    />
                    <span className={item.done ? 'follow-ups__title--done' : undefined}>{item.title}</span>
                  </label>
                  <span>
                    <RefLink entityRef={item.owner} />, due {formatDate(`${item.due}T12:00:00`)}{' '}
                    {item.overdue && <Badge tone="danger">overdue</Badge>}
                  </span>
                </li>
              ))}
            </ul>
          )
        }
      </ResourceView>
      <FollowUpForm incidentId={incidentId} onAdded={followUps.reload} />
    </section>
  );
}

function FollowUpForm({ incidentId, onAdded }: { incidentId: string; onAdded: () => void }) {
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');
  const { busy, error, run } = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    run(async () => {
      await addFollowUp(incidentId, { title: title.trim(), owner: owner.trim(), due });
      setTitle('');
      setOwner('');
      setDue('');
      onAdded();
    });
  };
  return (
    <form className="admin-form" onSubmit={submit} aria-label="Add a follow-up">
      {error && <ProblemMessage error={error} />}
      <label className="field">
        <span className="field__label">Follow-up</span>
        <input
          required
          maxLength={300}
          placeholder="e.g. Alert on card-processor latency"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
      </label>
      <div className="admin-form__row">
        <label className="field">
          <span className="field__label">Owner</span>
          <input
            required
            placeholder="user:alice or group:payments"
            autoComplete="off"
            value={owner}
            onChange={(e) => setOwner(e.target.value)}
          />
        </label>
        <label className="field">
          <span className="field__label">Due</span>
          <input type="date" required value={due} onChange={(e) => setDue(e.target.value)} />
        </label>
      </div>
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? 'Adding…' : 'Add follow-up'}
      </button>
    </form>
  );
}
