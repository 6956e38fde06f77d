// The failing rules of one entity, next step first: what to do (howToFix) and what was found.
import type { EntityResultView } from '../../api/scorecards.ts';

export function NextSteps({ result }: { result: EntityResultView }) {
  if (result.nextSteps.length === 0) return <p className="empty">Every rule passes.</p>;
  return (
    <ol className="next-steps">
      {result.nextSteps.map((step) => (
        <li key={step.id} className="next-steps__item">
          <strong>{step.title}</strong> <span className="muted">({step.level})</span>: {step.howToFix}
          <br />
          <span className="muted next-steps__evidence">Found: {step.evidence}</span>
        </li>
      ))}
    </ol>
  );
}
