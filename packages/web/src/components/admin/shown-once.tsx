// A secret Steward answers once (a new password): shown with a copy button until dismissed.
import { useState } from 'react';

interface ShownOnceProps {
  title: string;
  /** What to do with it, e.g. "Give it to Lena by a private channel." */
  note: string;
  secret: string;
  onDismiss: () => void;
}

export function ShownOnce({ title, note, secret, onDismiss }: ShownOnceProps) {
  const [copied, setCopied] = useState(false);
  const copy = () => {
    navigator.clipboard?.writeText(secret).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <section className="callout callout--success" aria-labelledby="shown-once-title" aria-live="polite">
      <h2 id="shown-once-title" className="callout__title">
        {title}
      </h2>
      <p>{note} It is shown only this once: Steward keeps only its hash.</p>
      <div className="secret">
        <code className="secret__value" data-testid="shown-once-secret">
          {secret}
        </code>
        <button type="button" className="button button--secondary" onClick={copy}>
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      <button type="button" className="button button--ghost" onClick={onDismiss}>
        I have passed it on
      </button>
    </section>
  );
}
