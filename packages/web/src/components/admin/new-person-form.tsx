// Adding a person: handle, name, email and role. Steward makes up their first password, which the
// page then shows once.
import { type FormEvent, useState } from 'react';
import { createUser, type Role, resetPassword, type User } from '../../api/identity.ts';
import { useAction } from '../../api/use-action.ts';
import { ProblemMessage } from '../problem-message.tsx';
import { RoleSelect } from './role-select.tsx';

export function NewPersonForm({ onCreated }: { onCreated: (user: User, password: string) => void }) {
  const [handle, setHandle] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('member');
  const { busy, error, run } = useAction();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    await run(async () => {
      const user = await createUser({
        handle: handle.trim(),
        name: name.trim(),
        role,
        ...(email.trim() ? { email: email.trim() } : {}),
      });
      const { password } = await resetPassword(user.handle);
      onCreated(user, password);
      setHandle('');
      setName('');
      setEmail('');
    });
  };

  return (
    <form className="card admin-form" onSubmit={submit} aria-labelledby="new-person-title">
      <h2 id="new-person-title" className="card__title card__title--plain">
        Add a person
      </h2>
      {error && <ProblemMessage error={error} />}
      <div className="admin-form__row">
        <label className="field">
          <span className="field__label">Handle</span>
          <input
            required
            maxLength={63}
            placeholder="e.g. alice"
            autoComplete="off"
            value={handle}
            onChange={(event) => setHandle(event.target.value)}
          />
        </label>
        <label className="field admin-form__wide">
          <span className="field__label">Full name</span>
          <input required maxLength={200} value={name} onChange={(event) => setName(event.target.value)} />
        </label>
        <label className="field admin-form__wide">
          <span className="field__label">Email (optional)</span>
          <input type="email" value={email} onChange={(event) => setEmail(event.target.value)} />
        </label>
        <RoleSelect label="Role" value={role} onChange={setRole} />
      </div>
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? 'Adding…' : 'Add person'}
      </button>
    </form>
  );
}
