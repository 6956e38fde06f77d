// How a source job is going: a progress bar while the server reads or removes it, then what changed.
import type { IngestProgress, IngestSummaryView } from '../../api/catalog.ts';
import { SourceReadStatus } from '../catalog/source-read.tsx';

export type SourceJob =
  | { name: string; action: 'read'; state: 'running'; progress: IngestProgress | null }
  | { name: string; action: 'read'; state: 'done'; summary: IngestSummaryView }
  | { name: string; action: 'remove'; state: 'running' }
  | { name: string; action: 'remove'; state: 'done'; removed: number };

export function SourceJobStatus({ job }: { job: SourceJob }) {
  if (job.action === 'read' && job.state === 'done') {
    return <SourceReadStatus read={{ name: job.name, state: 'done', summary: job.summary }} />;
  }
  if (job.action === 'remove' && job.state === 'done') {
    return (
      <p className="card source-read" role="status">
        Removed <strong>{job.name}</strong> with its {job.removed} entit{job.removed === 1 ? 'y' : 'ies'}.
      </p>
    );
  }
  const verb = job.action === 'read' ? 'Reading' : 'Removing';
  const p = job.action === 'read' ? job.progress : null;
  // Entities are compared (written) after all files are read: only then is there a known total.
  const determinate = p && (p.entities ?? 0) > 0 && (p.written ?? 0) > 0;
  return (
    <div className="card source-read" role="status">
      <p>
        {verb} <strong>{job.name}</strong>…{' '}
        <span className="muted">
          {p
            ? `${p.files ?? 0} files, ${p.entities ?? 0} entities read, ${p.written ?? 0} compared`
            : 'waiting for the server to start'}
        </span>
      </p>
      <progress
        className="admin-progress"
        aria-label={`${verb} ${job.name}`}
        {...(determinate ? { value: p.written ?? 0, max: p.entities ?? 1 } : {})}
      />
    </div>
  );
}
