// Signing in with a handle and password; the server answers with a session cookie and a CSRF token.
import { type FormEvent, useState } from 'react';
import type { ApiError } from '../api/http.ts';
import { type Session, signIn } from '../api/identity.ts';
import { asApiError } from '../api/use-resource.ts';
import { ProblemMessage } from '../components/problem-message.tsx';

export function SignInPage({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [handle, setHandle] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signIn(handle.trim(), password));
    } catch (caught) {
      setError(asApiError(caught));
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <div className="sign-in__panel">
        <div className="brand brand--large">
          <span className="brand__mark" aria-hidden="true">
            S
          </span>
          <span className="brand__name">Steward</span>
        </div>
        <p className="sign-in__tagline">Who owns what, who is on call, and what is on fire.</p>
        <form className="card sign-in__form" onSubmit={submit} aria-labelledby="sign-in-title">
          <h1 id="sign-in-title" className="sign-in__title">
            Sign in
          </h1>
          {error && <ProblemMessage error={error} />}
          <label className="field">
            <span className="field__label">Handle</span>
            <input
              name="handle"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              value={handle}
              onChange={(event) => setHandle(event.target.value)}
            />
          </label>
          <label className="field">
            <span className="field__label">Password</span>
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </label>
          <button type="submit" className="button button--primary button--block" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        <p className="sign-in__hint">
          No account yet? Ask a Steward admin to add you; scripts and the CLI use API tokens instead.
        </p>
      </div>
    </main>
  );
}
