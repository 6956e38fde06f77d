// Who holds each role, and assigning it from the people Steward knows (the person is notified through
// their contact methods); "nobody" takes the role away.
import { useId } from 'react';
import type { User } from '../../api/identity.ts';
import { changeIncident, type IncidentView, type RoleName, roleNames } from '../../api/incidents.ts';
import { useAction } from '../../api/use-action.ts';
import { ProblemMessage } from '../problem-message.tsx';

interface RolesCardProps {
  incident: IncidentView;
  people: User[];
  onChanged: () => void;
}

const roleLabels: Record<RoleName, string> = {
  commander: 'Commander',
  communications: 'Communications',
  operations: 'Operations',
  scribe: 'Scribe',
};

/** A handle from the list, or a ref kept as it was (someone outside the default namespace). */
const userRef = (value: string) => (value.includes(':') ? value : `user:default/${value}`);

export function RolesCard({ incident, people, onChanged }: RolesCardProps) {
  const id = useId();
  const { busy, error, run } = useAction();
  const active = people.filter((person) => !person.disabledAt);
  const assign = (role: RoleName, handle: string) =>
    run(() => changeIncident(incident.id, { roles: { [role]: handle ? userRef(handle) : null } }), onChanged);
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card__title card__title--plain">
        Roles
      </h2>
      {error && <ProblemMessage error={error} />}
      <div className="roles">
        {roleNames.map((role) => {
          const holder = incident.roles[role];
          const handle = holder?.startsWith('user:default/') ? holder.slice('user:default/'.length) : '';
          return (
            <div key={role} className="field">
              <label className="field__label" htmlFor={`${id}-${role}`}>
                {roleLabels[role]}
              </label>
              <select
                id={`${id}-${role}`}
                value={handle || holder || ''}
                disabled={busy}
                onChange={(event) => assign(role, event.target.value)}
              >
                <option value="">nobody</option>
                {holder && !handle && <option value={holder}>{holder}</option>}
                {active.map((person) => (
                  <option key={person.handle} value={person.handle}>
                    {person.name} ({person.handle})
                  </option>
                ))}
              </select>
            </div>
          );
        })}
      </div>
    </section>
  );
}
