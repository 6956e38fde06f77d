// The guardrails pages' filters: team, service and repository (and severity for findings), applied
// on submit, severity at once.
import { type FormEvent, useId, useState } from 'react';
import { severities } from '../../api/guardrails.ts';
import type { GuardrailsFilterValues } from './guardrails-filters.ts';

interface GuardrailsFilterFormProps {
  title: string;
  filters: GuardrailsFilterValues;
  onApply: (filters: GuardrailsFilterValues) => void;
  /** The exemptions have no severity of their own. */
  withSeverity?: boolean;
}

export function GuardrailsFilterForm({
  title,
  filters,
  onApply,
  withSeverity = true,
}: GuardrailsFilterFormProps) {
  const [draft, setDraft] = useState(filters);
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  const text = (name: 'service' | 'team' | 'target', label: string, placeholder: string) => (
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
        {title}
      </h2>
      <div className="audit-filters__fields">
        {text('team', 'Team', 'e.g. payments')}
        {text('service', 'Service', 'e.g. checkout-api')}
        {text('target', 'Repository', 'e.g. github.com/acme/shop')}
        {withSeverity && (
          <div className="field">
            <label className="field__label" htmlFor={`${id}-severity`}>
              Severity
            </label>
            <select
              id={`${id}-severity`}
              value={draft.severity}
              onChange={(event) => {
                const next = { ...draft, severity: event.target.value };
                setDraft(next);
                onApply(next);
              }}
            >
              <option value="">any</option>
              {severities.map((severity) => (
                <option key={severity} value={severity}>
                  {severity}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <div className="audit-filters__actions">
        <button type="submit" className="button button--primary">
          Apply
        </button>
      </div>
    </form>
  );
}
