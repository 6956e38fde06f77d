// Changing your own password: the current one first (a wrong one is said here, next to it), then the
// new one twice. Your other sessions end; this one and your API tokens stay.
import { type FormEvent, useState } from 'react';
import { changeOwnPassword } from '../api/identity.ts';
import { asApiError } from '../api/use-resource.ts';

type Outcome =
  | { kind: 'changed' }
  | { kind: 'wrong-current'; message: string }
  | { kind: 'other'; message: string };

export function ChangePasswordForm({ handle }: { handle: string }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeated, setRepeated] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const mismatch = repeated !== '' && repeated !== next;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mismatch) return;
    setBusy(true);
    setOutcome(null);
    try {
      await changeOwnPassword(handle, current, next);
      setOutcome({ kind: 'changed' });
      setCurrent('');
      setNext('');
      setRepeated('');
    } catch (caught) {
      const error = asApiError(caught);
      const aboutCurrent = error.status === 403 && error.message.includes('currentPassword');
      setOutcome(
        aboutCurrent
          ? { kind: 'wrong-current', message: 'That is not your current password; nothing was changed.' }
          : { kind: 'other', message: fieldMessages(error) },
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card admin-form" onSubmit={submit} aria-labelledby="change-password-title">
      <h2 id="change-password-title" className="card__title card__title--plain">
        Change your password
      </h2>
      <label className="field">
        <span className="field__label">Current password</span>
        <input
          type="password"
          required
          autoComplete="current-password"
          value={current}
          aria-invalid={outcome?.kind === 'wrong-current'}
          aria-describedby={outcome?.kind === 'wrong-current' ? 'current-password-error' : undefined}
          onChange={(event) => setCurrent(event.target.value)}
        />
        {outcome?.kind === 'wrong-current' && (
          <span id="current-password-error" className="field__error" role="alert">
            {outcome.message}
          </span>
        )}
      </label>
      <label className="field">
        <span className="field__label">New password (at least 10 characters)</span>
        <input
          type="password"
          required
          minLength={10}
          autoComplete="new-password"
          value={next}
          onChange={(event) => setNext(event.target.value)}
        />
      </label>
      <label className="field">
        <span className="field__label">New password again</span>
        <input
          type="password"
          required
          autoComplete="new-password"
          value={repeated}
          aria-invalid={mismatch}
          aria-describedby={mismatch ? 'repeat-password-error' : undefined}
          onChange={(event) => setRepeated(event.target.value)}
        />
        {mismatch && (
          <span id="repeat-password-error" className="field__error">
            The two new passwords differ.
          </span>
        )}
      </label>
      {outcome?.kind === 'other' && (
        <p className="field__error" role="alert">
          {outcome.message}
        </p>
      )}
      {outcome?.kind === 'changed' && (
        <p className="muted" role="status">
          Password changed. Your other sessions have ended; your API tokens still work.
        </p>
      )}
      <button type="submit" className="button button--primary" disabled={busy || mismatch}>
        {busy ? 'Changing…' : 'Change password'}
      </button>
    </form>
  );
}

function fieldMessages(error: ReturnType<typeof asApiError>): string {
  if (error.errors.length === 0) return error.message;
  return error.errors
    .map((problem) => `${problem.field.replace(/^body\./, '')} ${problem.message}`)
    .join('; ');
}
