// A postmortem save refused because someone saved first: the 409 carries their version and text, so
// the editor shows theirs beside yours and the next save goes over their version.
import { ApiError } from '../../api/http.ts';

export interface PostmortemConflict {
  version: number;
  markdown: string;
  updatedBy: string;
}

export function postmortemConflictOf(error: unknown): PostmortemConflict | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const { currentVersion, markdown, updatedBy } = error.problem;
  if (typeof currentVersion !== 'number' || typeof markdown !== 'string') return null;
  return {
    version: currentVersion,
    markdown,
    updatedBy: typeof updatedBy === 'string' ? updatedBy : 'someone',
  };
}
