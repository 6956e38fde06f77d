// The severities as radio buttons, each with what it means, so nobody has to remember the scale.
import type { Severity } from '../../api/incidents.ts';

interface SeverityChoiceProps {
  severities: Severity[];
  value: string;
  onChange: (severity: string) => void;
}

export function SeverityChoice({ severities, value, onChange }: SeverityChoiceProps) {
  return (
    <fieldset className="field severity-choice">
      <legend className="field__label">Severity</legend>
      {severities.map((severity) => (
        <label key={severity.name} className="severity-choice__option">
          <input
            type="radio"
            name="severity"
            value={severity.name}
            checked={value === severity.name}
            onChange={() => onChange(severity.name)}
            required
          />
          <strong>{severity.name}</strong> <span>{severity.description}</span>
        </label>
      ))}
    </fieldset>
  );
}
