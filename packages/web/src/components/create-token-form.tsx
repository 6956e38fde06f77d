// Creating an API token: a name, its scopes and how long it lasts; an admin may create one for
// someone else (a bot account, say), within that person's role.
import { type FormEvent, useState } from 'react';
import type { ApiError } from '../api/http.ts';
import { type CreatedToken, createToken, type Scope, type User } from '../api/identity.ts';
import { asApiError } from '../api/use-resource.ts';
import { ProblemMessage } from './problem-message.tsx';

const lifetimes = [
  { days: 30, label: '30 days' },
  { days: 90, label: '90 days' },
  { days: 365, label: '1 year' },
  { days: 0, label: 'Never expires' },
];

const scopeHelp: Record<Scope, string> = {
  read: 'read everything',
  write: 'change what you may change',
  admin: 'administer Steward',
};

/** The scopes a token of someone with this role may carry. */
export const scopesByRole: Record<string, Scope[]> = {
  admin: ['read', 'write', 'admin'],
  member: ['read', 'write'],
  viewer: ['read'],
};

interface CreateTokenFormProps {
  /** The scopes your own tokens may have. */
  scopes: Scope[];
  /** For admins: the people a token may be created for (yourself when none is chosen). */
  owners?: User[] | undefined;
  onCreated: (token: CreatedToken) => void;
}

export function CreateTokenForm({ scopes: ownScopes, owners, onCreated }: CreateTokenFormProps) {
  const [owner, setOwner] = useState('');
  const ownerRole = owners?.find((person) => person.handle === owner)?.role;
  const scopes = ownerRole ? (scopesByRole[ownerRole] ?? ['read']) : ownScopes;
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<Scope[]>(['read']);
  // Scopes ticked for one owner that another's role does not allow are not sent.
  const effective = chosen.filter((scope) => scopes.includes(scope));
  const [days, setDays] = useState(90);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const toggle = (scope: Scope) =>
    setChosen((current) =>
      current.includes(scope) ? current.filter((s) => s !== scope) : [...current, scope],
    );

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const input = {
        name: name.trim(),
        scopes: effective,
        ...(days > 0 ? { expiresInDays: days } : {}),
        ...(owner ? { owner } : {}),
      };
      onCreated(await createToken(input));
      setName('');
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card token-form" onSubmit={submit} aria-labelledby="new-token-title">
      <h2 id="new-token-title" className="card__title card__title--plain">
        New token
      </h2>
      {error && <ProblemMessage error={error} />}
      <div className="token-form__row">
        <label className="field token-form__name">
          <span className="field__label">Name</span>
          <input
            required
            maxLength={100}
            placeholder="e.g. ci-deploy"
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        {owners && (
          <label className="field">
            <span className="field__label">For</span>
            <select value={owner} onChange={(event) => setOwner(event.target.value)}>
              <option value="">yourself</option>
              {owners.map((person) => (
                <option key={person.handle} value={person.handle}>
                  {person.name} ({person.handle}, {person.role})
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field">
          <span className="field__label">Expires</span>
          <select value={days} onChange={(event) => setDays(Number(event.target.value))}>
            {lifetimes.map((lifetime) => (
              <option key={lifetime.days} value={lifetime.days}>
                {lifetime.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <fieldset className="field token-form__scopes">
        <legend className="field__label">Scopes</legend>
        {scopes.map((scope) => (
          <label key={scope} className="checkbox">
            <input type="checkbox" checked={chosen.includes(scope)} onChange={() => toggle(scope)} />
            <span>
              <strong>{scope}</strong> <span className="muted">{scopeHelp[scope]}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <button type="submit" className="button button--primary" disabled={busy || effective.length === 0}>
        {busy ? 'Creating…' : 'Create token'}
      </button>
    </form>
  );
}
