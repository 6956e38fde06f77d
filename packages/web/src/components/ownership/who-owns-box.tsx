// "Who owns this?": any thing the API takes (an entity ref or name, a file path, a Kubernetes
// object, an alert's labels, a URL), asked of GET /api/v1/who-owns, with the answer and its reason.
import { type FormEvent, useEffect, useState } from 'react';
import { whoOwns } from '../../api/catalog.ts';
import { useResource } from '../../api/use-resource.ts';
import { ProblemMessage } from '../problem-message.tsx';
import { ResourceView } from '../resource-view.tsx';
import { WhoOwnsAnswer } from './who-owns-answer.tsx';

const forms = [
  { label: 'an entity', example: 'component:default/checkout-api' },
  { label: 'a file path', example: 'services/checkout-api/main.go' },
  { label: 'a Kubernetes object', example: 'k8s:Deployment/shop/web{app=web}' },
  { label: 'an alert', example: 'alert:{service="web"}' },
  { label: 'a URL', example: 'url:https://shop.example.com/checkout' },
];

interface WhoOwnsBoxProps {
  /** The thing asked about, '' before anything is asked. */
  asked: string;
  onAsk: (thing: string) => void;
  /** On an entity's page: no syntax help, no losing candidates. */
  compact?: boolean;
}

export function WhoOwnsBox({ asked, onAsk, compact = false }: WhoOwnsBoxProps) {
  const [text, setText] = useState(asked);
  useEffect(() => setText(asked), [asked]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (text.trim()) onAsk(text.trim());
  };
  return (
    <section
      className={`card who-owns${compact ? ' who-owns--compact' : ''}`}
      aria-labelledby="who-owns-title"
    >
      <h2 id="who-owns-title" className="card__title card__title--plain">
        Who owns this?
      </h2>
      <form className="who-owns__form" onSubmit={submit}>
        <input
          className="who-owns__input"
          aria-label="Thing to ask about"
          placeholder="An entity, a file path, k8s:Kind/namespace/name, alert:{labels} or url:…"
          spellCheck={false}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit" className="button button--primary" disabled={text.trim() === ''}>
          Ask
        </button>
      </form>
      {!compact && (
        <p className="who-owns__forms">
          Ask about{' '}
          {forms.map((form, index) => (
            <span key={form.label}>
              {index > 0 && (index === forms.length - 1 ? ' or ' : ', ')}
              {form.label}{' '}
              <button type="button" className="link-button" onClick={() => setText(form.example)}>
                <code>{form.example}</code>
              </button>
            </span>
          ))}
          .
        </p>
      )}
      {asked && <Answer thing={asked} compact={compact} />}
    </section>
  );
}

function Answer({ thing, compact }: { thing: string; compact: boolean }) {
  const answer = useResource(`who-owns:${thing}`, () => whoOwns(thing));
  // A thing the API cannot read is the asker's to correct; asking again would not help.
  if (answer.state === 'failed' && answer.error.status === 400)
    return <ProblemMessage error={answer.error} />;
  return (
    <ResourceView resource={answer} label="the answer">
      {(found) => (found ? <WhoOwnsAnswer answer={found} compact={compact} /> : null)}
    </ResourceView>
  );
}

/** The box inside another page (an entity's): it starts with a question already asked and keeps its own state. */
export function LocalWhoOwnsBox({ initial }: { initial: string }) {
  const [asked, setAsked] = useState(initial);
  return <WhoOwnsBox asked={asked} onAsk={setAsked} compact />;
}
