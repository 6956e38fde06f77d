// Choosing a role, with what each means in the option text. The label is tied to the select by id,
// so its accessible name is the label alone.
import { useId } from 'react';
import type { Role } from '../../api/identity.ts';

const roles: { value: Role; text: string }[] = [
  { value: 'viewer', text: 'viewer: reads only' },
  { value: 'member', text: 'member: changes what their teams own' },
  { value: 'admin', text: 'admin: everything' },
];

interface RoleSelectProps {
  /** Shown above the select; `hideLabel` keeps it for screen readers only (in a table row). */
  label: string;
  hideLabel?: boolean;
  /** Role names only, without what each means: for a narrow table cell. */
  compact?: boolean;
  value: Role;
  disabled?: boolean;
  onChange: (role: Role) => void;
}

export function RoleSelect({ label, hideLabel, compact, value, disabled, onChange }: RoleSelectProps) {
  const id = useId();
  return (
    <div className={hideLabel ? undefined : 'field'}>
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : 'field__label'}>
        {label}
      </label>
      <select
        id={id}
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value as Role)}
      >
        {roles.map((role) => (
          <option key={role.value} value={role.value}>
            {compact ? role.value : role.text}
          </option>
        ))}
      </select>
    </div>
  );
}
