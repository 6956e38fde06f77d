// The incident's timeline, live on `incident:<id>`: every change, page, acknowledgement, alert and
// update as it lands, oldest first; people add notes, and edit their own.
import { type FormEvent, useId, useState } from 'react';
import { addNote, editNote, fetchTimeline, type TimelineItem } from '../../api/incidents.ts';
import { useAction } from '../../api/use-action.ts';
import { useResource } from '../../api/use-resource.ts';
import { useSession } from '../../session/session-context.tsx';
import { useReloadOnTopic } from '../alerts/use-live-reload.ts';
import { ProblemMessage } from '../problem-message.tsx';
import { ResourceView } from '../resource-view.tsx';
import { formatDateTime } from '../time-format.ts';

export function TimelineCard({ incidentId }: { incidentId: string }) {
  const id = useId();
  const timeline = useResource(`incident-timeline:${incidentId}`, () => fetchTimeline(incidentId));
  useReloadOnTopic(`incident:${incidentId}`, timeline.reload);
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card__title card__title--plain">
        Timeline
      </h2>
      <ResourceView resource={timeline} label="the timeline">
        {(items) => (
          <ol className="hops incident-timeline" aria-label="Timeline">
            {items.map((item) => (
              <TimelineEntry key={item.id} incidentId={incidentId} item={item} onEdited={timeline.reload} />
            ))}
          </ol>
        )}
      </ResourceView>
      <NoteForm
        label="Add a note"
        submitLabel="Add note"
        onSave={(text) => addNote(incidentId, text)}
        onSaved={timeline.reload}
      />
    </section>
  );
}

function TimelineEntry(props: { incidentId: string; item: TimelineItem; onEdited: () => void }) {
  const { incidentId, item, onEdited } = props;
  const { user } = useSession();
  const [editing, setEditing] = useState(false);
  const mine = item.type === 'note' && item.actor === user.handle;
  if (editing) {
    return (
      <li>
        <NoteForm
          label="Edit your note"
          submitLabel="Save note"
          initial={item.text}
          onSave={(text) => editNote(incidentId, item.id, text)}
          onSaved={() => {
            setEditing(false);
            onEdited();
          }}
          onCancel={() => setEditing(false)}
        />
      </li>
    );
  }
  return (
    <li data-type={item.type}>
      <time className="muted" dateTime={item.at}>
        {formatDateTime(item.at)}
      </time>{' '}
      <strong>{item.type}</strong> {item.text} <span className="muted">by {item.actor}</span>
      {item.editedAt && <span className="muted"> (edited)</span>}
      {mine && (
        <>
          {' '}
          <button type="button" className="link-button" onClick={() => setEditing(true)}>
            Edit
          </button>
        </>
      )}
    </li>
  );
}

interface NoteFormProps {
  label: string;
  submitLabel: string;
  initial?: string;
  onSave: (text: string) => Promise<unknown>;
  onSaved: () => void;
  onCancel?: () => void;
}

function NoteForm({ label, submitLabel, initial = '', onSave, onSaved, onCancel }: NoteFormProps) {
  const [text, setText] = useState(initial);
  const { busy, error, run } = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    run(async () => {
      await onSave(text.trim());
      setText('');
      onSaved();
    });
  };
  return (
    <form className="admin-form" onSubmit={submit} aria-label={label}>
      {error && <ProblemMessage error={error} />}
      <label className="field">
        <span className="field__label">{label}</span>
        <textarea
          required
          rows={2}
          maxLength={10_000}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <div className="admin-form__row">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Saving…' : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
