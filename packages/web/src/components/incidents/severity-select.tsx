// Changing an incident's severity in place; the change lands on the timeline.
import { useId } from 'react';
import { changeIncident, type IncidentView, type Severity } from '../../api/incidents.ts';
import { useAction } from '../../api/use-action.ts';
import { ProblemMessage } from '../problem-message.tsx';

interface SeveritySelectProps {
  incident: IncidentView;
  severities: Severity[];
  onChanged: () => void;
}

export function SeveritySelect({ incident, severities, onChanged }: SeveritySelectProps) {
  const id = useId();
  const { busy, error, run } = useAction();
  const described = severities.find((s) => s.name === incident.severity)?.description;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        Severity
      </label>
      <select
        id={id}
        value={incident.severity}
        disabled={busy}
        onChange={(event) =>
          run(() => changeIncident(incident.id, { severity: event.target.value }), onChanged)
        }
      >
        {severities.map((severity) => (
          <option key={severity.name} value={severity.name}>
            {severity.name}
          </option>
        ))}
      </select>
      {described && <span className="muted">{described}</span>}
      {error && <ProblemMessage error={error} />}
    </div>
  );
}
