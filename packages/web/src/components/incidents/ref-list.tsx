// Several refs as links, comma-separated, or "none".
import { RefLink } from '../oncall/ref-links.tsx';

export function RefList({ refs }: { refs: string[] }) {
  if (refs.length === 0) return <span className="muted">none</span>;
  return (
    <>
      {refs.map((ref, index) => (
        <span key={ref}>
          {index > 0 && ', '}
          <RefLink entityRef={ref} />
        </span>
      ))}
    </>
  );
}
