// Swapping a shift: pick one of the shifts offered, pick a teammate (someone in the team that owns the
// schedule), and they trade places for that shift's span, as `POST …/swaps` does in one go.
import { type FormEvent, useState } from 'react';
import { fetchTeam } from '../../api/identity.ts';
import { type ScheduleName, type Shift, scheduleNameOf, swapShifts } from '../../api/oncall.ts';
import { useAction } from '../../api/use-action.ts';
import { useResource } from '../../api/use-resource.ts';
import { ProblemMessage } from '../problem-message.tsx';
import { shortRef } from './ref-links.tsx';
import { formatInZone } from './zone-time.ts';

export interface SwapChoice {
  schedule: ScheduleName;
  /** The Group ref that owns the schedule: its members are who may take the shift. */
  owner: string | null;
  timeZone: string;
  shift: Shift;
}

interface SwapFormProps {
  choices: SwapChoice[];
  onSwapped: () => void;
}

const choiceLabel = (choice: SwapChoice) =>
  `${choice.schedule.name}: ${shortRef(choice.shift.user)}, ${formatInZone(choice.shift.from, choice.timeZone)} to ${formatInZone(choice.shift.until, choice.timeZone)} (${choice.timeZone})`;

export function SwapForm({ choices, onSwapped }: SwapFormProps) {
  const [picked, setPicked] = useState(0);
  const [teammate, setTeammate] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  const choice = choices[Math.min(picked, choices.length - 1)];
  const team = choice?.owner ? scheduleNameOf(choice.owner).name : null;
  const members = useResource(`team-members:${team ?? '-'}`, () =>
    team ? fetchTeam(team).then((t) => t.members) : Promise.resolve([]),
  );
  const teammates = (members.data ?? []).filter((m) => `user:default/${m.handle}` !== choice?.shift.user);

  if (!choice) return <p className="empty card">No shift to swap in these weeks.</p>;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(null);
    const { shift } = choice;
    await run(async () => {
      await swapShifts(choice.schedule, {
        user: shift.user,
        with: teammate,
        from: shift.from,
        until: shift.until,
      });
      setDone(
        `${teammate} takes ${shortRef(shift.user)}’s shift in ${choice.schedule.name} from ${formatInZone(shift.from, choice.timeZone)}.`,
      );
      setTeammate('');
      onSwapped();
    });
  };

  return (
    <form className="card admin-form" onSubmit={submit} aria-labelledby="swap-title">
      <h2 id="swap-title" className="card__title card__title--plain">
        Swap a shift
      </h2>
      <p className="muted">
        The teammate takes the shift; any shift of theirs in that span comes back to you.
      </p>
      {error && <ProblemMessage error={error} />}
      {members.error && <ProblemMessage error={members.error} onRetry={members.reload} />}
      {done && (
        <p className="muted" role="status">
          {done}
        </p>
      )}
      <div className="admin-form__row">
        <label className="field">
          <span className="field__label">Shift</span>
          <select value={picked} onChange={(event) => setPicked(Number(event.target.value))}>
            {choices.map((each, index) => (
              <option key={`${each.schedule.name}-${each.shift.from}`} value={index}>
                {choiceLabel(each)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">Teammate</span>
          <select required value={teammate} onChange={(event) => setTeammate(event.target.value)}>
            <option value="">
              {team ? `Someone in ${team}…` : 'Nobody: the schedule has no owning team'}
            </option>
            {teammates.map((member) => (
              <option key={member.handle} value={member.handle}>
                {member.name} ({member.handle})
              </option>
            ))}
          </select>
        </label>
      </div>
      <button type="submit" className="button button--primary" disabled={busy || teammate === ''}>
        {busy ? 'Swapping…' : 'Swap'}
      </button>
    </form>
  );
}
