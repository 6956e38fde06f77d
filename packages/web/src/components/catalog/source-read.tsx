// How reading a source again is going: its progress while the server reads it, then what changed
// and the problems found, or why it failed.
import type { IngestProgress, IngestSummaryView } from '../../api/catalog.ts';
import { ProblemList } from './problem-list.tsx';

export type SourceRead =
  | { name: string; state: 'reading'; progress: IngestProgress | null }
  | { name: string; state: 'done'; summary: IngestSummaryView };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function SourceReadStatus({ read }: { read: SourceRead }) {
  if (read.state === 'reading') {
    const p = read.progress;
    return (
      <p className="card source-read" role="status" aria-label={`Reading ${read.name}`}>
        Reading <strong>{read.name}</strong>…{' '}
        {p ? (
          <span className="muted">
            {plural(p.files ?? 0, 'file')}, {p.entities ?? 0} entities read, {p.written ?? 0} compared
          </span>
        ) : (
          <span className="muted">waiting for the server to start</span>
        )}
      </p>
    );
  }
  const s = read.summary;
  const problems = [...s.errors, ...s.warnings];
  return (
    <section className="card source-read" role="status" aria-label={`Read ${read.name}`}>
      <p>
        Read <strong>{read.name}</strong>: {s.added} added, {s.updated} updated, {s.removed} removed,{' '}
        {s.unchanged} unchanged; {plural(s.errorCount, 'error')}, {plural(s.warningCount, 'warning')} (
        {plural(s.files, 'file')}, {(s.durationMs / 1000).toFixed(1)} s)
      </p>
      {problems.length > 0 && <ProblemList problems={problems} showEntity />}
    </section>
  );
}
