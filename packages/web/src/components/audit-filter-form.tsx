// The audit log's filters: who, what action, which subject, and when; applied on submit.
import { type FormEvent, useId, useState } from 'react';
import { type AuditFilters, fromLocalInput, hasFilters, noFilters, toLocalInput } from './audit-filters.ts';

interface AuditFilterFormProps {
  filters: AuditFilters;
  onApply: (filters: AuditFilters) => void;
}

export function AuditFilterForm({ filters, onApply }: AuditFilterFormProps) {
  const [draft, setDraft] = useState(filters);
  const id = useId();
  const set = (name: keyof AuditFilters) => (value: string) => setDraft((d) => ({ ...d, [name]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  const clear = () => {
    setDraft(noFilters);
    onApply(noFilters);
  };
  const text = (name: keyof AuditFilters, label: string, placeholder: string) => (
    <div className="field">
      <label className="field__label" htmlFor={`${id}-${name}`}>
        {label}
      </label>
      <input
        id={`${id}-${name}`}
        value={draft[name]}
        placeholder={placeholder}
        onChange={(event) => set(name)(event.target.value)}
      />
    </div>
  );
  const time = (name: 'since' | 'until', label: string) => (
    <div className="field">
      <label className="field__label" htmlFor={`${id}-${name}`}>
        {label}
      </label>
      <input
        id={`${id}-${name}`}
        type="datetime-local"
        value={toLocalInput(draft[name])}
        onChange={(event) => set(name)(fromLocalInput(event.target.value))}
      />
    </div>
  );
  return (
    <form className="card audit-filters" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card__title">
        Filter the log
      </h2>
      <div className="audit-filters__fields">
        {text('actor', 'Who', 'a handle, or system:…')}
        {text('action', 'Action', 'e.g. team.update')}
        {text('subjectType', 'Subject type', 'team, user, token…')}
        {text('subjectId', 'Subject', 'e.g. payments')}
        {time('since', 'From')}
        {time('until', 'Until')}
      </div>
      <div className="audit-filters__actions">
        <button type="submit" className="button button--primary">
          Apply filters
        </button>
        {(hasFilters(filters) || hasFilters(draft)) && (
          <button type="button" className="button button--secondary" onClick={clear}>
            Clear filters
          </button>
        )}
      </div>
    </form>
  );
}
