// The alerts list's filters: status, service and team, applied on submit (and status at once).
import { type FormEvent, useId, useState } from 'react';
import { alertStatuses } from '../../api/alerts.ts';
import type { AlertFilterValues } from './alert-filters.ts';

interface AlertFilterFormProps {
  filters: AlertFilterValues;
  onApply: (filters: AlertFilterValues) => void;
}

export function AlertFilterForm({ filters, onApply }: AlertFilterFormProps) {
  const [draft, setDraft] = useState(filters);
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  const text = (name: 'service' | 'team', label: string, placeholder: string) => (
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
        Filter alerts
      </h2>
      <div className="audit-filters__fields">
        <div className="field">
          <label className="field__label" htmlFor={`${id}-status`}>
            Status
          </label>
          <select
            id={`${id}-status`}
            value={draft.status}
            onChange={(event) => {
              const next = { ...draft, status: event.target.value };
              setDraft(next);
              onApply(next);
            }}
          >
            <option value="">any</option>
            {alertStatuses.map((status) => (
              <option key={status} value={status}>
                {status}
              </option>
            ))}
          </select>
        </div>
        {text('service', 'Service', 'e.g. checkout-api')}
        {text('team', 'Team', 'e.g. payments')}
      </div>
      <div className="audit-filters__actions">
        <button type="submit" className="button button--primary">
          Apply
        </button>
      </div>
    </form>
  );
}
