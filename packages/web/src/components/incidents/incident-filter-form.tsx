// The incident list's filters: state and severity applied at once, team and service on submit.
import { type FormEvent, useId, useState } from 'react';
import { incidentStates, type Severity } from '../../api/incidents.ts';
import type { IncidentFilterValues } from './incident-filters.ts';

interface IncidentFilterFormProps {
  filters: IncidentFilterValues;
  severities: Severity[];
  onApply: (filters: IncidentFilterValues) => void;
}

export function IncidentFilterForm({ filters, severities, onApply }: IncidentFilterFormProps) {
  const [draft, setDraft] = useState(filters);
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  const choice = (name: 'state' | 'severity', label: string, options: string[]) => (
    <div className="field">
      <label className="field__label" htmlFor={`${id}-${name}`}>
        {label}
      </label>
      <select
        id={`${id}-${name}`}
        value={draft[name]}
        onChange={(event) => {
          const next = { ...draft, [name]: event.target.value };
          setDraft(next);
          onApply(next);
        }}
      >
        <option value="">any</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </div>
  );
  const text = (name: 'team' | 'service', label: string, placeholder: string) => (
    <div className="field">
      <label className="field__label" htmlFor={`${id}-${name}`}>
        {label}
      </label>
      <input
        id={`${id}-${name}`}
        value={draft[name]}
        placeholder={placeholder}
        onChange={(event) => setDraft((d) => ({ ...d, [name]: event.target.value }))}
      />
    </div>
  );
  return (
    <form className="card audit-filters" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card__title">
        Filter incidents
      </h2>
      <div className="audit-filters__fields">
        {choice('state', 'State', incidentStates)}
        {choice(
          'severity',
          'Severity',
          severities.map((s) => s.name),
        )}
        {text('team', 'Team', 'e.g. payments')}
        {text('service', 'Service', 'e.g. checkout-api')}
      </div>
      <div className="audit-filters__actions">
        <button type="submit" className="button button--primary">
          Apply
        </button>
      </div>
    </form>
  );
}
