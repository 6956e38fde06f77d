// Keeps what a page shows in step with the catalog: when `catalog.changed` arrives (or events were
// missed), the page's resources load again, so two people looking at one page see the same thing.
import { useEffect, useRef } from 'react';
import { useLiveTopic } from './live-provider.tsx';

/**
 * A burst of changes (a source read, many edits) reloads once per this long: the first change starts
 * the wait, later ones in it ride along, and a change after it starts the next wait.
 */
export const reloadDelayMs = 400;

/**
 * Calls `reload` after any catalog change. Any change may matter to a page: an edit of another
 * entity can add a relation to this one, a team's ownership list, or a facet count.
 */
export function useReloadOnCatalogChange(reload: () => void): void {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const schedule = () => {
    if (timer.current !== undefined) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      reload();
    }, reloadDelayMs);
  };
  useEffect(() => () => clearTimeout(timer.current), []);
  useLiveTopic('catalog', { onEvent: schedule, onGap: schedule, onSubscribed: schedule });
}
