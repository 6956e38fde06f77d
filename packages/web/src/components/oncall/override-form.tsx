// Putting someone on call for a while: the person, and from / until as wall times in the schedule's
// zone (the zone is named beside the fields, so nobody mistakes it for their own).
import { type FormEvent, useState } from 'react';
import { createOverride, type ScheduleName } from '../../api/oncall.ts';
import { useAction } from '../../api/use-action.ts';
import { ProblemMessage } from '../problem-message.tsx';
import { wallTimeToInstant } from './zone-time.ts';

interface OverrideFormProps {
  schedule: ScheduleName;
  timeZone: string;
  onCreated: () => void;
}

export function OverrideForm({ schedule, timeZone, onCreated }: OverrideFormProps) {
  const [user, setUser] = useState('');
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const { busy, error, run } = useAction();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    await run(async () => {
      // An unreadable time goes to the API as written, so its answer names the field and the fix.
      await createOverride(schedule, {
        user: user.trim(),
        from: wallTimeToInstant(from, timeZone) ?? from,
        until: wallTimeToInstant(until, timeZone) ?? until,
      });
      setUser('');
      setFrom('');
      setUntil('');
      onCreated();
    });
  };

  return (
    <form className="card admin-form" onSubmit={submit} aria-labelledby="new-override-title">
      <h2 id="new-override-title" className="card__title card__title--plain">
        Put someone on call
      </h2>
      <p className="muted">An override wins over every layer from its start to its end.</p>
      {error && <ProblemMessage error={error} />}
      <div className="admin-form__row">
        <label className="field">
          <span className="field__label">Person</span>
          <input
            required
            maxLength={253}
            placeholder="e.g. alice"
            autoComplete="off"
            value={user}
            onChange={(event) => setUser(event.target.value)}
          />
        </label>
        <label className="field">
          <span className="field__label">From ({timeZone})</span>
          <input
            type="datetime-local"
            required
            value={from}
            onChange={(event) => setFrom(event.target.value)}
          />
        </label>
        <label className="field">
          <span className="field__label">Until ({timeZone})</span>
          <input
            type="datetime-local"
            required
            value={until}
            onChange={(event) => setUntil(event.target.value)}
          />
        </label>
      </div>
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? 'Saving…' : 'Add override'}
      </button>
    </form>
  );
}
