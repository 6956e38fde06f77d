// The way into the postmortem: drafted from the timeline once the incident is resolved. Before then
// the button still answers, with the server's reason, so nobody wonders why nothing happens.
import { useId } from 'react';
import { draftPostmortem, type IncidentView } from '../../api/incidents.ts';
import { useAction } from '../../api/use-action.ts';
import { navigate } from '../../router.tsx';
import { ProblemMessage } from '../problem-message.tsx';

export const postmortemPath = (id: string) => `/incidents/${encodeURIComponent(id)}/postmortem`;

export function PostmortemCard({ incident }: { incident: IncidentView }) {
  const id = useId();
  const { busy, error, run } = useAction();
  const open = () =>
    run(async () => {
      await draftPostmortem(incident.id);
      navigate(postmortemPath(incident.id));
    });
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card__title card__title--plain">
        Postmortem
      </h2>
      <p className="muted">
        Drafted from the timeline and the incident's data: summary, impact, timeline, what went well and what
        did not, follow-ups. Edit it here, export it as Markdown.
      </p>
      {error && <ProblemMessage error={error} />}
      <button type="button" className="button button--primary" disabled={busy} onClick={open}>
        {incident.resolvedAt ? 'Open the postmortem' : 'Draft the postmortem'}
      </button>
    </section>
  );
}
