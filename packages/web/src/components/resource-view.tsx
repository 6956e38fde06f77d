// Renders a loaded resource: a quiet placeholder while loading, the problem if it failed, else the content.
import type { ReactNode } from 'react';
import type { Resource } from '../api/use-resource.ts';
import { ProblemMessage } from './problem-message.tsx';

interface ResourceViewProps<T> {
  resource: Resource<T> & { reload(): void };
  label: string;
  children: (data: T) => ReactNode;
}

export function ResourceView<T>({ resource, label, children }: ResourceViewProps<T>) {
  if (resource.state === 'failed') return <ProblemMessage error={resource.error} onRetry={resource.reload} />;
  if (resource.state === 'loading') {
    return (
      <p className="loading" aria-live="polite">
        Loading {label}…
      </p>
    );
  }
  return <>{children(resource.data)}</>;
}
