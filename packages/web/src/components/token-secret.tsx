// A new token's secret, shown once: Steward keeps only its hash.
import { useState } from 'react';
import type { CreatedToken } from '../api/identity.ts';

export function TokenSecret({ token, onDismiss }: { token: CreatedToken; onDismiss: () => void }) {
  const [copied, setCopied] = useState(false);
  const copy = () => {
    navigator.clipboard?.writeText(token.secret).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <section className="callout callout--success" aria-labelledby="secret-title" aria-live="polite">
      <h2 id="secret-title" className="callout__title">
        Token “{token.name}” created
      </h2>
      <p>
        Copy the secret now: it is shown only this once. Use it as{' '}
        <code>Authorization: Bearer &lt;secret&gt;</code>.
      </p>
      <div className="secret">
        <code className="secret__value" data-testid="token-secret">
          {token.secret}
        </code>
        <button type="button" className="button button--secondary" onClick={copy}>
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      <button type="button" className="button button--ghost" onClick={onDismiss}>
        I have saved it
      </button>
    </section>
  );
}
