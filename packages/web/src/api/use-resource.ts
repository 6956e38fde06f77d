// Loads one thing from the API for a component: its data, the error to show, and a way to reload.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from './http.ts';

export type Resource<T> =
  | { state: 'loading'; data?: undefined; error?: undefined }
  | { state: 'ready'; data: T; error?: undefined }
  | { state: 'failed'; data?: undefined; error: ApiError };

/** Reloads whenever `key` changes; answers from older keys are dropped. */
export function useResource<T>(key: string, load: () => Promise<T>): Resource<T> & { reload(): void } {
  const [resource, setResource] = useState<Resource<T>>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const loadedKey = useRef(key);

  // biome-ignore lint/correctness/useExhaustiveDependencies: key and generation are the triggers by design
  useEffect(() => {
    let current = true;
    // A reload keeps showing what is there; a different key must not show the previous one's data.
    if (loadedKey.current !== key) setResource({ state: 'loading' });
    loadedKey.current = key;
    loadRef.current().then(
      (data) => current && setResource({ state: 'ready', data }),
      (error: unknown) => current && setResource({ state: 'failed', error: asApiError(error) }),
    );
    return () => {
      current = false;
    };
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { ...resource, reload };
}

export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, 'Unexpected error', error instanceof Error ? error.message : String(error));
}
