// Starting a campaign on a scorecard: a name, the level to reach, a deadline and the message the
// teams read. Offered to admins and the members of the team owning the scorecard (the API decides).
import { type FormEvent, useState } from 'react';
import { createCampaign, type ScorecardSummary } from '../../api/scorecards.ts';
import { useAction } from '../../api/use-action.ts';
import { ProblemMessage } from '../problem-message.tsx';

export function CampaignForm({
  scorecard,
  onCreated,
}: {
  scorecard: ScorecardSummary;
  onCreated: () => void;
}) {
  const [name, setName] = useState('');
  const [level, setLevel] = useState(scorecard.levels[0] ?? '');
  const [deadline, setDeadline] = useState('');
  const [message, setMessage] = useState('');
  const action = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      await createCampaign({
        name: name.trim(),
        scorecard: scorecard.name,
        level,
        deadline,
        message: message.trim(),
      });
      setName('');
      setMessage('');
      onCreated();
    });
  };
  return (
    <form className="card campaign-form" onSubmit={submit} aria-labelledby="new-campaign-title">
      <h2 id="new-campaign-title" className="card__title card__title--plain">
        Start a campaign
      </h2>
      {action.error && <ProblemMessage error={action.error} />}
      <div className="campaign-form__row">
        <label className="field">
          <span className="field__label">Name</span>
          <input required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          <span className="field__label">Level to reach</span>
          <select value={level} onChange={(e) => setLevel(e.target.value)}>
            {scorecard.levels.map((each) => (
              <option key={each} value={each}>
                {each}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">Deadline</span>
          <input required type="date" value={deadline} onChange={(e) => setDeadline(e.target.value)} />
        </label>
      </div>
      <label className="field">
        <span className="field__label">Message to the teams</span>
        <textarea
          required
          maxLength={4000}
          rows={3}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
        />
      </label>
      <button type="submit" className="button button--primary" disabled={action.busy}>
        {action.busy ? 'Starting…' : 'Start campaign'}
      </button>
    </form>
  );
}
