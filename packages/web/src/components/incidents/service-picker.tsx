// Choosing the affected services from the catalog: a search box over its components, each match a
// checkbox; the chosen ones stay listed (with a remove button) whatever the search shows.
import { useId, useState } from 'react';
import { listEntities } from '../../api/catalog.ts';
import { useResource } from '../../api/use-resource.ts';
import { shortRef } from '../oncall/ref-links.tsx';

interface ServicePickerProps {
  chosen: string[];
  onChange: (chosen: string[]) => void;
}

const shownMatches = 12;

export function ServicePicker({ chosen, onChange }: ServicePickerProps) {
  const id = useId();
  const [text, setText] = useState('');
  const q = text.trim();
  const matches = useResource(`components:${q}`, () =>
    listEntities({ kind: 'component', ...(q ? { q } : {}) }, { limit: shownMatches }),
  );
  const toggle = (ref: string, on: boolean) =>
    onChange(on ? [...chosen, ref] : chosen.filter((each) => each !== ref));
  return (
    <fieldset className="field service-picker">
      <legend className="field__label">Services affected</legend>
      {chosen.length > 0 && (
        <ul className="chips" aria-label="Chosen services">
          {chosen.map((ref) => (
            <li key={ref} className="chip">
              {shortRef(ref)}{' '}
              <button
                type="button"
                className="link-button"
                aria-label={`Remove ${shortRef(ref)}`}
                onClick={() => toggle(ref, false)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <label className="visually-hidden" htmlFor={`${id}-q`}>
        Search services
      </label>
      <input
        id={`${id}-q`}
        type="search"
        placeholder="Search the catalog, e.g. checkout"
        autoComplete="off"
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <ul className="service-picker__matches">
        {(matches.data?.items ?? [])
          .filter((entity) => !chosen.includes(entity.ref))
          .map((entity) => (
            <li key={entity.ref}>
              <label className="checkbox">
                <input type="checkbox" checked={false} onChange={() => toggle(entity.ref, true)} />
                {entity.title ?? entity.name}{' '}
                <span className="muted">{entity.owner && shortRef(entity.owner)}</span>
              </label>
            </li>
          ))}
      </ul>
    </fieldset>
  );
}
