// A change the user asked for (a form sent, a button pressed): busy while it runs, and its failure as
// an ApiError for <ProblemMessage>, never an unhandled rejection.
import { useState } from 'react';
import type { ApiError } from './http.ts';
import { asApiError } from './use-resource.ts';

export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = async (action: () => Promise<unknown>, after?: () => void): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
      after?.();
    }
  };
  return { busy, error, run };
}
