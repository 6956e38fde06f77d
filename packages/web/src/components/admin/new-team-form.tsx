// Creating a team: its name, how people see it, and the team it belongs under.
import { type FormEvent, useState } from 'react';
import { createTeam, type Team } from '../../api/identity.ts';
import { useAction } from '../../api/use-action.ts';
import { ProblemMessage } from '../problem-message.tsx';

export function NewTeamForm({ teams, onCreated }: { teams: Team[]; onCreated: () => void }) {
  const [name, setName] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [parent, setParent] = useState('');
  const { busy, error, run } = useAction();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    await run(async () => {
      await createTeam({
        name: name.trim(),
        ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
        ...(parent ? { parent } : {}),
      });
      setName('');
      setDisplayName('');
      setParent('');
      onCreated();
    });
  };

  return (
    <form className="card admin-form" onSubmit={submit} aria-labelledby="new-team-title">
      <h2 id="new-team-title" className="card__title card__title--plain">
        Create a team
      </h2>
      {error && <ProblemMessage error={error} />}
      <div className="admin-form__row">
        <label className="field">
          <span className="field__label">Name</span>
          <input
            required
            maxLength={63}
            placeholder="e.g. payments"
            autoComplete="off"
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        <label className="field admin-form__wide">
          <span className="field__label">Display name (optional)</span>
          <input
            maxLength={200}
            value={displayName}
            onChange={(event) => setDisplayName(event.target.value)}
          />
        </label>
        <label className="field">
          <span className="field__label">Parent team</span>
          <select value={parent} onChange={(event) => setParent(event.target.value)}>
            <option value="">none (a top-level team)</option>
            {teams.map((team) => (
              <option key={team.id} value={team.name}>
                {team.displayName} ({team.name})
              </option>
            ))}
          </select>
        </label>
      </div>
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? 'Creating…' : 'Create team'}
      </button>
    </form>
  );
}
