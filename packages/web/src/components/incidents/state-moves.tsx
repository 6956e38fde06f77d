// The moves the lifecycle allows from here, as buttons; a refused move (someone else moved it first,
// say) shows the server's words, which name the moves allowed now.
import { changeIncident, type IncidentView } from '../../api/incidents.ts';
import { useAction } from '../../api/use-action.ts';
import { ProblemMessage } from '../problem-message.tsx';

/** Merging needs the incident it joins; that is done from the command line or API. */
const buttonMoves = (incident: IncidentView) => incident.allowedMoves.filter((state) => state !== 'merged');

const verbs: Record<string, string> = {
  active: 'Mark active',
  mitigated: 'Mark mitigated',
  resolved: 'Resolve',
  'post-incident': 'Start post-incident',
  closed: 'Close',
  declined: 'Decline',
};

export function StateMoves({ incident, onChanged }: { incident: IncidentView; onChanged: () => void }) {
  const { busy, error, run } = useAction();
  const moves = buttonMoves(incident);
  return (
    <div className="state-moves">
      {moves.length > 0 && (
        <fieldset className="state-moves__buttons">
          <legend className="visually-hidden">Move the incident</legend>
          {moves.map((state) => (
            <button
              key={state}
              type="button"
              className={state === 'declined' ? 'button button--danger-ghost' : 'button button--secondary'}
              disabled={busy}
              onClick={() => run(() => changeIncident(incident.id, { state }), onChanged)}
            >
              {verbs[state] ?? state}
            </button>
          ))}
        </fieldset>
      )}
      {error && <ProblemMessage error={error} />}
    </div>
  );
}
